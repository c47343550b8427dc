/**
 * The document page's retention section, from the document's `retention` alone (the server reckons it
 * as its hourly sweep does): "Held by moderation: <reason>" while a moderator holds it; "Will be
 * deleted on <date>" once the retention period of its label has ended; "Kept until <date>" before; or
 * that its label has no period. Moderators (`abilities.hold`) get the hold form or the lift button
 * (HoldControls.tsx). A reason is user text, isolated (bdi) so it reads right in either direction.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../components/StatusMessage.js';
import { formatDate } from '../../format.js';
import type { DocumentView } from './documentsApi.js';
import { HoldControls } from './HoldControls.js';

/** What the retention of `document` comes to, in one or two sentences. */
function RetentionState({ document }: { document: DocumentView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { expiresAt, purgeAt, held } = document.retention;
  const date = (iso: string) => formatDate(iso, language);
  if (held)
    return (
      <div className="notice documents-notice retention-state">
        <p>
          {t('documents.retention.held')} <bdi dir="auto">{held.reason}</bdi>
        </p>
        <p className="hint">{t('documents.retention.heldSince', { date: date(held.at) })}</p>
      </div>
    );
  if (purgeAt)
    return (
      <div className="notice notice--error retention-state">
        <p>{t('documents.retention.willBeDeleted', { date: date(purgeAt) })}</p>
        <p className="hint">{t('documents.retention.willBeDeletedHint')}</p>
      </div>
    );
  if (!expiresAt) return <p className="retention-state">{t('documents.retention.keptForever')}</p>;
  if (Date.parse(expiresAt) <= Date.now())
    return (
      <p className="retention-state">{t('documents.retention.underModeration', { date: date(expiresAt) })}</p>
    );
  return (
    <div className="retention-state">
      <p>{t('documents.retention.keptUntil', { date: date(expiresAt) })}</p>
      <p className="hint">{t('documents.retention.keptHint')}</p>
    </div>
  );
}

/** The section, for a document that is not deleted. */
export function RetentionSection({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  const [said, setSaid] = useState('');
  if (document.state === 'deleted') return null;
  return (
    <section className="documents-section" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('documents.retention.heading')}</h2>
      <RetentionState document={document} />
      {document.abilities.hold && <HoldControls document={document} onDone={setSaid} />}
      <StatusMessage>{said}</StatusMessage>
    </section>
  );
}
