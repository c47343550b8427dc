/**
 * "Upload a new version" on a document's page (shown when its `abilities.addVersion` says so): the
 * file, an optional note, and optionally a higher label (a new version may raise the label, never lower
 * it; up to the space's ceiling when known). Resumable, with the same progress as a new document.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { useLabelMeaning } from '../../components/LabelBadge.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { LABELS, labelRank, type Label } from '../../../../shared/policy/labels.js';
import type { DocumentView, UploadSettingsView } from './documentsApi.js';
import { newVersionMetadata } from './uploadHelpers.js';
import { UploadProgress } from './UploadProgress.js';
import { useTusUpload } from './useTusUpload.js';
import { FileChoiceField } from './FileChoiceField.js';

/** The labels a new version may take instead of `current`: higher ones, up to `ceiling` when known. */
function higherLabels(current: Label, ceiling: string | undefined): Label[] {
  const top = (LABELS as readonly string[]).includes(ceiling ?? '')
    ? labelRank(ceiling as Label)
    : LABELS.length - 1;
  return LABELS.filter((label) => labelRank(label) > labelRank(current) && labelRank(label) <= top);
}

/** The new-version form of `document`. */
export function NewVersionForm({
  document,
  settings,
  person,
  ceiling,
}: {
  document: DocumentView;
  settings: UploadSettingsView;
  person: string;
  /** The space's ceiling, when it could be read. */
  ceiling: string | undefined;
}) {
  const { t } = useTranslation();
  const labelMeaning = useLabelMeaning();
  const upload = useTusUpload(settings, person);
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [note, setNote] = useState('');
  const [label, setLabel] = useState('');
  const [fileError, setFileError] = useState<string | undefined>();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const labels = higherLabels(document.label, ceiling);

  const finished = upload.phase.kind === 'finished';
  useEffect(() => {
    if (!finished) return;
    setFile(null);
    setFileKey((key) => key + 1);
    setNote('');
    setLabel('');
  }, [finished]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('documents.form.fileMissing'));
      setAlert(alertMessage(t('documents.form.correct')));
      return;
    }
    setFileError(undefined);
    setAlert(null);
    void upload.start(file, {
      key: `document:${document.id}`,
      metadata: newVersionMetadata({ document: document.id, fileName: file.name, note, label }),
    });
  };

  return (
    <section className="documents-section" aria-labelledby="new-version-heading">
      <h2 id="new-version-heading">{t('documents.version.heading')}</h2>
      <FormAlert message={alert} id="new-version-alert" />
      <form onSubmit={submit} noValidate className="document-form">
        <fieldset className="fieldset" disabled={upload.busy}>
          <FileChoiceField
            id="version-file"
            maxBytes={settings.maxBytes}
            error={fileError}
            fileKey={fileKey}
            onChoose={setFile}
          />
          <FormField
            id="version-note"
            label={t('documents.version.note')}
            hint={t('documents.version.noteHint')}
          >
            {(control) => (
              <textarea
                {...control}
                dir="auto"
                rows={3}
                maxLength={1000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </FormField>
          {labels.length > 0 && (
            <FormField
              id="version-label"
              label={t('documents.version.label')}
              hint={t('documents.version.labelHint')}
            >
              {(control) => (
                <select {...control} value={label} onChange={(e) => setLabel(e.target.value)}>
                  <option value="">{t('documents.version.keepLabel', { label: document.label })}</option>
                  {labels.map((option) => (
                    <option key={option} value={option}>
                      {`TLP:${option} — ${labelMeaning(option)}`}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
          <SubmitButton sending={upload.busy} busyLabel={t('documents.form.uploading')}>
            {t('documents.version.submit')}
          </SubmitButton>
        </fieldset>
      </form>
      <UploadProgress
        upload={upload}
        idPrefix="new-version"
        maxBytes={settings.maxBytes}
        scanned={settings.scanned}
      />
    </section>
  );
}
