/**
 * Attaching files from a composer (a room message, a forum topic or reply). A chosen file is uploaded
 * at once as a document of the space, resumable and with its progress bar, pause and cancel (the same
 * upload as the documents page), labelled as the item being written; a file takes at least the label
 * of its item (SHARING.md, "Files"), so raising the item's label later asks for files at that label.
 * Once the server has checked it, the file joins the list of files to send, where it can be taken off
 * again (it stays among the space's documents). Loaded only when someone opens it: the upload client
 * is not part of the room's or the forum's first load.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../shared/policy/labels.js';
import type { AttachmentView } from '../../../../shared/schemas/attachments.js';
import { useSession } from '../../auth/session.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { regionalLocale } from '../../format.js';
import { useUploadSettings, type DocumentView, type UploadSettingsView } from './documentsApi.js';
import { UploadProgress } from './UploadProgress.js';
import { formatBytes, newDocumentMetadata, titleFromFileName } from './uploadHelpers.js';
import { useTusUpload } from './useTusUpload.js';

/** Props of {@link AttachmentPicker}. */
export interface AttachmentPickerProps {
  /** The space the files go to (the room's or the forum's). */
  spaceSlug: string;
  /** The label of the item being written: files are uploaded with it. */
  label: Label;
  attachments: readonly AttachmentView[];
  onChange: (next: AttachmentView[]) => void;
  /** Told whether an upload is under way (the composer waits for it before sending). */
  onBusyChange: (busy: boolean) => void;
  idPrefix: string;
}

/** The attachment an uploaded document becomes, or null when it may not be attached. */
export function attachmentOf(document: DocumentView): AttachmentView | null {
  if (document.status === 'infected' || document.status === 'refused') return null;
  const version = document.versions[0];
  return {
    id: document.id,
    title: document.title,
    label: document.label,
    status: document.status,
    fileName: version?.fileName ?? null,
    size: version?.size ?? null,
    mediaType: version?.mediaType ?? null,
  };
}

/** The attach panel of a composer. */
export function AttachmentPicker(props: AttachmentPickerProps) {
  const { t } = useTranslation();
  const settings = useUploadSettings();
  if (settings.state === 'loading') return <StatusMessage>{t('documents.loading')}</StatusMessage>;
  if (settings.state === 'error') return <LoadError error={settings.error} onRetry={settings.retry} />;
  return <Picker {...props} settings={settings.data} />;
}

function Picker({
  spaceSlug,
  label,
  attachments,
  onChange,
  onBusyChange,
  idPrefix,
  settings,
}: AttachmentPickerProps & { settings: UploadSettingsView }) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  const { session } = useSession();
  const person = session.status === 'signedIn' ? session.me.person.id : 'anonymous';
  const upload = useTusUpload(settings, person);
  const [inputKey, setInputKey] = useState(0);
  const added = useRef(new Set<string>());
  const latest = useRef({ attachments, onChange });
  latest.current = { attachments, onChange };

  useEffect(() => onBusyChange(upload.busy), [upload.busy, onBusyChange]);

  // A checked file joins the list once (the phase stays "finished" until the next upload).
  const { phase } = upload;
  useEffect(() => {
    if (phase.kind !== 'finished' || !phase.document) return;
    const file = attachmentOf(phase.document);
    if (!file || added.current.has(file.id)) return;
    added.current.add(file.id);
    const current = latest.current;
    current.onChange([...current.attachments.filter((a) => a.id !== file.id), file]);
    setInputKey((key) => key + 1);
  }, [phase]);

  const choose = (file: File | undefined) => {
    if (!file) return;
    void upload.start(file, {
      key: `space:${spaceSlug}`,
      metadata: newDocumentMetadata({
        space: spaceSlug,
        fileName: file.name,
        title: titleFromFileName(file.name),
        label,
      }),
    });
  };

  const inputId = `${idPrefix}-attach-file`;
  return (
    <div className="attachment-picker">
      <div className="form-field">
        <label htmlFor={inputId}>{t('documents.attachments.choose')}</label>
        <input
          key={inputKey}
          id={inputId}
          type="file"
          disabled={upload.busy}
          aria-describedby={`${inputId}-hint`}
          onChange={(event) => choose(event.target.files?.[0])}
        />
        <p id={`${inputId}-hint`} className="hint">
          {t('documents.attachments.hint', { label, max: formatBytes(settings.maxBytes, locale) })}
        </p>
      </div>
      <UploadProgress
        upload={upload}
        idPrefix={`${idPrefix}-attach`}
        maxBytes={settings.maxBytes}
        scanned={settings.scanned}
      />
      {attachments.length > 0 && (
        <ul className="attachment-picker__list" aria-label={t('documents.attachments.toSend')}>
          {attachments.map((file) => (
            <li key={file.id}>
              <bdi>{file.fileName ?? file.title}</bdi> <LabelBadge label={file.label} />{' '}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onChange(attachments.filter((a) => a.id !== file.id))}
              >
                {t('documents.attachments.remove')}
                <span className="visually-hidden"> {file.fileName ?? file.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
