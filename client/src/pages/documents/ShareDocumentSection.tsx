/**
 * "Share to another space" on a document's page (SHARING.md, "Onward sharing"): the spaces offered are
 * those the server says the reader may share this document into (by its label and their city; none
 * for TLP:RED, which the section then says), and the share makes a copy there with the same label,
 * linked once made. Shown when the document has an available file and the reader may share it; the
 * server decides again, and a refusal is said in the reader's language.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNamedAudience } from '../../../../shared/policy/labels.js';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { Link } from '../../router.js';
import { documentKeys, fetchShareDestinations, shareDocument, type DocumentView } from './documentsApi.js';

/** The share section of one document. */
export function ShareDocumentSection({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  if (document.status !== 'clean' && !document.versions.some((v) => v.status === 'clean')) return null;
  const red = hasNamedAudience(document.label);
  if (!document.abilities.share && !red) return null;
  return (
    <section className="documents-section" aria-labelledby="share-heading">
      <h2 id="share-heading">{t('documents.share.heading')}</h2>
      {document.abilities.share ? (
        <ShareForm document={document} />
      ) : (
        <p className="hint">{t('documents.share.red')}</p>
      )}
    </section>
  );
}

function ShareForm({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  const destinations = useApiQuery([...documentKeys.all(), 'share-destinations', document.id], (signal) =>
    fetchShareDestinations(document.id, signal),
  );
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [copy, setCopy] = useState<DocumentView | null>(null);

  if (destinations.state === 'loading') return <StatusMessage>{t('documents.loading')}</StatusMessage>;
  if (destinations.state === 'error')
    return <FormAlert message={alertMessage(errorRefusal(destinations.error, t))} id="share-error" />;
  const spaces = destinations.data.items;
  if (spaces.length === 0)
    return <p className="hint">{t('documents.share.nowhere', { label: document.label })}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) {
      setAlert(alertMessage(t('documents.share.chooseFirst')));
      return;
    }
    setSending(true);
    setAlert(null);
    try {
      setCopy(await shareDocument(document.id, to));
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="document-form">
      <p className="hint">{t('documents.share.explain', { label: document.label })}</p>
      <FormAlert message={alert} id="share-alert" />
      <FormField id="share-to" label={t('documents.share.to')} required>
        {(control) => (
          <select {...control} value={to} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('documents.share.choose')}</option>
            {spaces.map((space) => (
              <option key={space.slug} value={space.slug}>
                {space.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <SubmitButton sending={sending} busyLabel={t('documents.share.sharing')}>
        {t('documents.share.submit')}
      </SubmitButton>
      {copy && (
        <p role="status" className="notice upload-outcome">
          {t('documents.share.done', { space: copy.space.name })}{' '}
          <Link to={`/documents/${copy.id}`}>{t('documents.share.openCopy')}</Link>
        </p>
      )}
    </form>
  );
}
