/**
 * "Upload a document" on a space's documents page: the file, a title (the file's name without its
 * extension until the person writes their own), the label (up to the space's ceiling, the space's
 * default preselected; the server refuses above the ceiling in words), and the optional description,
 * language and tags. The upload itself is resumable and shown by {@link UploadProgress}.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { useLabelMeaning } from '../../components/LabelBadge.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { CONTENT_LANGUAGES } from '../../../../shared/languages.js';
import { LABELS, labelsUpTo, type Label } from '../../../../shared/policy/labels.js';
import type { SpaceView } from '../spaces/spacesApi.js';
import type { UploadSettingsView } from './documentsApi.js';
import {
  newDocumentMetadata,
  splitTags,
  tagsProblem,
  titleFromFileName,
  TAG_LIMITS,
} from './uploadHelpers.js';
import { UploadProgress } from './UploadProgress.js';
import { useTusUpload } from './useTusUpload.js';
import { FileChoiceField } from './FileChoiceField.js';

const asLabel = (value: string): Label =>
  (LABELS as readonly string[]).includes(value) ? (value as Label) : 'RED';

/** The name of content language `code` in the interface language (`fr` -> "French", "français"). */
export function useLanguageName(): (code: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (code) => {
    try {
      return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
}

interface Errors {
  file?: string;
  title?: string;
  tags?: string;
}

/** The new-document form of `space`, for the signed-in `person`. */
export function NewDocumentForm({
  space,
  settings,
  person,
}: {
  space: SpaceView;
  settings: UploadSettingsView;
  person: string;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const upload = useTusUpload(settings, person);
  const labelMeaning = useLabelMeaning();
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [title, setTitle] = useState('');
  const [titleTouched, setTitleTouched] = useState(false);
  const [label, setLabel] = useState<Label>(asLabel(space.defaultLabel));
  const [description, setDescription] = useState('');
  const [language, setLanguage] = useState('');
  const [tags, setTags] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const labels = labelsUpTo(asLabel(space.ceiling));

  // A finished upload made its document: the form is emptied for the next one (the label stays).
  const finished = upload.phase.kind === 'finished';
  useEffect(() => {
    if (!finished) return;
    setFile(null);
    setFileKey((key) => key + 1);
    setTitle('');
    setTitleTouched(false);
    setDescription('');
    setLanguage('');
    setTags('');
  }, [finished]);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    if (chosen && (!titleTouched || title.trim() === '')) {
      setTitle(titleFromFileName(chosen.name));
      setTitleTouched(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tagList = splitTags(tags);
    const problem = tagsProblem(tagList);
    const found: Errors = {
      ...(file ? {} : { file: t('documents.form.fileMissing') }),
      ...(title.trim() ? {} : { title: t('documents.form.titleMissing') }),
      ...(problem ? { tags: t(`documents.form.tags_${problem}`, TAG_LIMITS) } : {}),
    };
    setErrors(found);
    if (!file || Object.keys(found).length > 0) {
      setAlert(alertMessage(t('documents.form.correct')));
      return;
    }
    setAlert(null);
    void upload.start(file, {
      key: `space:${space.slug}`,
      metadata: newDocumentMetadata({
        space: space.slug,
        fileName: file.name,
        title,
        label,
        description,
        language,
        tags: tagList,
      }),
    });
  };

  return (
    <section className="documents-section" aria-labelledby="new-document-heading">
      <h2 id="new-document-heading">{t('documents.form.heading')}</h2>
      <FormAlert message={alert} id="new-document-alert" />
      <form onSubmit={submit} noValidate className="document-form">
        <fieldset className="fieldset" disabled={upload.busy}>
          <FileChoiceField
            id="document-file"
            maxBytes={settings.maxBytes}
            error={errors.file}
            fileKey={fileKey}
            onChoose={chooseFile}
          />
          <FormField id="document-title" label={t('documents.form.title')} error={errors.title} required>
            {(control) => (
              <input
                {...control}
                type="text"
                dir="auto"
                maxLength={200}
                value={title}
                onChange={(e) => {
                  setTitle(e.target.value);
                  setTitleTouched(true);
                }}
              />
            )}
          </FormField>
          <FormField
            id="document-label"
            label={t('documents.form.label')}
            hint={t('documents.form.labelHint', { ceiling: space.ceiling })}
            required
          >
            {(control) => (
              <select {...control} value={label} onChange={(e) => setLabel(asLabel(e.target.value))}>
                {labels.map((option) => (
                  <option key={option} value={option}>
                    {`TLP:${option} — ${labelMeaning(option)}`}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="document-description" label={t('documents.form.description')}>
            {(control) => (
              <textarea
                {...control}
                dir="auto"
                rows={4}
                maxLength={4000}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </FormField>
          <FormField id="document-language" label={t('documents.form.language')}>
            {(control) => (
              <select {...control} value={language} onChange={(e) => setLanguage(e.target.value)}>
                <option value="">{t('documents.form.languageNone')}</option>
                {CONTENT_LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id="document-tags"
            label={t('documents.form.tags')}
            hint={t('documents.form.tagsHint')}
            error={errors.tags}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                dir="auto"
                value={tags}
                onChange={(e) => setTags(e.target.value)}
              />
            )}
          </FormField>
          <SubmitButton sending={upload.busy} busyLabel={t('documents.form.uploading')}>
            {t('documents.form.submit')}
          </SubmitButton>
        </fieldset>
      </form>
      <UploadProgress
        upload={upload}
        idPrefix="new-document"
        maxBytes={settings.maxBytes}
        scanned={settings.scanned}
        linkToDocument
      />
    </section>
  );
}
