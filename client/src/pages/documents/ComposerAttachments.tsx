/**
 * The "Attach files" control of a composer: a button that opens the attach panel
 * ({@link AttachmentPicker}, loaded on first use), which then stays in place (hidden when closed) so
 * an upload under way and the files chosen are never lost by closing it.
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../components/StatusMessage.js';
import type { Label } from '../../../../shared/policy/labels.js';
import type { ComposerAttachmentsState } from './useComposerAttachments.js';
import './attachments.css';

const AttachmentPicker = lazy(() =>
  import('./AttachmentPicker.js').then((module) => ({ default: module.AttachmentPicker })),
);

/** Props of {@link ComposerAttachments}. */
export interface ComposerAttachmentsProps {
  /** The composer's attachment state ({@link useComposerAttachments}). */
  files: ComposerAttachmentsState;
  /** The space the files go to. */
  spaceSlug: string;
  /** The label of the item being written. */
  label: Label;
  idPrefix: string;
}

/** The composer's attach button and panel (fresh again after each send). */
export function ComposerAttachments({ files, ...rest }: ComposerAttachmentsProps) {
  return <AttachPanel key={files.panelKey} files={files} {...rest} />;
}

function AttachPanel({ files, spaceSlug, label, idPrefix }: ComposerAttachmentsProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [shown, setShown] = useState(false);
  const panelId = `${idPrefix}-attachments`;
  const count = files.attachments.length;
  return (
    <div className="composer-attachments">
      <button
        type="button"
        className="button button--secondary button--small"
        aria-expanded={shown}
        aria-controls={panelId}
        onClick={() => {
          setOpened(true);
          setShown((value) => !value);
        }}
      >
        {count > 0 ? t('documents.attachments.openWith', { count }) : t('documents.attachments.open')}
      </button>
      <div id={panelId} hidden={!shown}>
        {opened && (
          <Suspense fallback={<StatusMessage>{t('documents.loading')}</StatusMessage>}>
            <AttachmentPicker
              spaceSlug={spaceSlug}
              label={label}
              attachments={files.attachments}
              onChange={files.setAttachments}
              onBusyChange={files.onBusyChange}
              idPrefix={idPrefix}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}
