/**
 * The parts of the library's forms: the text fields of a record (title, summary and the six sections,
 * each with its hint and its error), the label choice (GREEN or CLEAR, each
 * explained), and the mapping of the server's field errors to the form's fields.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { FieldsetError } from '../../components/CheckboxGroup.js';
import { FormField } from '../../components/FormField.js';
import { RECORD_LABELS, REQUIRED_FIELDS, TEXT_FIELDS, type TextField } from './vocabulary.js';

/** The text of a record as the form holds it. */
export type TextValues = Record<TextField, string>;

/** Empty texts, or the given ones. */
export function textValues(from?: Partial<Record<TextField, string>>): TextValues {
  return Object.fromEntries(TEXT_FIELDS.map((field) => [field, from?.[field] ?? ''])) as TextValues;
}

/** The texts to send: required ones as they are, optional ones only when written. */
export function textsToSend(
  values: TextValues,
): Partial<TextValues> & Pick<TextValues, 'title' | 'problem' | 'approach'> {
  const out: Partial<TextValues> = {};
  for (const field of TEXT_FIELDS) {
    if (REQUIRED_FIELDS.includes(field) || values[field].trim() !== '') out[field] = values[field];
  }
  return out as Partial<TextValues> & Pick<TextValues, 'title' | 'problem' | 'approach'>;
}

/** The fields the form knows, by the first part of a server error's path. */
const FORM_FIELDS = new Set<string>([...TEXT_FIELDS, 'themes', 'regions', 'language', 'label', 'origin']);

/** Fields whose refusal the client words itself (`library.form.errors.<field>`). */
const WORDED = new Set(['title', 'problem', 'approach', 'themes', 'language', 'regions', 'label']);

/** The server's field errors as messages per form field (translated where the client knows the field). */
export function fieldErrorsOf(error: unknown, t: (key: string) => string): Record<string, string> {
  const byField: Record<string, string> = {};
  if (!(error instanceof ApiError)) return byField;
  for (const e of error.fieldErrors()) {
    const field = e.path.split('.')[0] ?? '';
    if (!FORM_FIELDS.has(field)) continue;
    byField[field] ??= WORDED.has(field) ? t(`library.form.errors.${field}`) : e.message;
  }
  return byField;
}

/** Local checks before sending: the required texts are written. */
export function missingTexts(values: TextValues, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of REQUIRED_FIELDS)
    if (values[field].trim() === '') errors[field] = t(`library.form.errors.${field}`);
  return errors;
}

/** The text fields of a record; ids start with `prefix`. */
export function TextFields({
  prefix,
  values,
  errors,
  language,
  onChange,
}: {
  prefix: string;
  values: TextValues;
  errors: Record<string, string>;
  /** The language the text is written in, for the browser's spelling and screen readers. */
  language?: string | undefined;
  onChange: (field: TextField, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {TEXT_FIELDS.map((field) => {
        const hint = field === 'title' ? undefined : t(`library.fields.${field}Hint`);
        const required = REQUIRED_FIELDS.includes(field);
        return (
          <FormField
            key={field}
            id={`${prefix}-${field}`}
            label={t(`library.fields.${field}`)}
            hint={hint}
            error={errors[field]}
            required={required}
          >
            {(control) =>
              field === 'title' ? (
                <input
                  {...control}
                  type="text"
                  maxLength={200}
                  dir="auto"
                  lang={language}
                  value={values[field]}
                  onChange={(e) => onChange(field, e.target.value)}
                />
              ) : (
                <textarea
                  {...control}
                  rows={field === 'summary' ? 3 : 5}
                  dir="auto"
                  lang={language}
                  value={values[field]}
                  onChange={(e) => onChange(field, e.target.value)}
                />
              )
            }
          </FormField>
        );
      })}
    </>
  );
}

/** The label choice: GREEN or CLEAR, each with its meaning. */
export function LabelChoice({
  id,
  value,
  error,
  onChange,
}: {
  id: string;
  value: string;
  error: string | undefined;
  onChange: (label: 'GREEN' | 'CLEAR') => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={error ? 'field field--invalid library-choices' : 'field library-choices'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>{t('library.labels.legend')}</legend>
      <FieldsetError id={`${id}-error`} error={error} />
      {RECORD_LABELS.map((label) => (
        <div key={label} className="library-choice">
          <input
            type="radio"
            id={`${id}-${label}`}
            name={id}
            value={label}
            checked={value === label}
            onChange={() => onChange(label)}
          />
          <label htmlFor={`${id}-${label}`}>{t(`library.labels.${label}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}
