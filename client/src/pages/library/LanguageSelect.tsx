/**
 * The language of a record's text as a required select ("Choose a language" first), each language
 * named in the reader's language.
 */
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/FormField.js';
import { languageName } from './vocabulary.js';

/** Props of {@link LanguageSelect}. */
export interface LanguageSelectProps {
  id: string;
  label: string;
  error: string | undefined;
  /** The codes offered, in order. */
  codes: readonly string[];
  value: string;
  onChange: (code: string) => void;
}

/** The language select, with its label and error. */
export function LanguageSelect({ id, label, error, codes, value, onChange }: LanguageSelectProps) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  return (
    <FormField id={id} label={label} error={error} required>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('library.fields.chooseLanguage')}</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {languageName(code, reader)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
