/**
 * The "File" field of the upload forms (a new document, a new version): the file input with the
 * size limit in the reader's locale as its hint; `fileKey` changes to empty the input after an upload.
 */
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/FormField.js';
import { regionalLocale } from '../../format.js';
import { formatBytes } from './uploadHelpers.js';

/** Props of {@link FileChoiceField}. */
export interface FileChoiceFieldProps {
  id: string;
  maxBytes: number;
  error?: string | undefined;
  fileKey: number;
  onChoose: (file: File | null) => void;
}

/** The file input of an upload form. */
export function FileChoiceField({ id, maxBytes, error, fileKey, onChoose }: FileChoiceFieldProps) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  return (
    <FormField
      id={id}
      label={t('documents.form.file')}
      hint={t('documents.form.fileHint', { max: formatBytes(maxBytes, locale) })}
      error={error}
      required
    >
      {(control) => (
        <input
          {...control}
          key={fileKey}
          type="file"
          onChange={(e) => onChoose(e.target.files?.[0] ?? null)}
        />
      )}
    </FormField>
  );
}
