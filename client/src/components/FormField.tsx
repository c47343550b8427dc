/**
 * A labelled form field: label, optional hint and error, and the input itself. The input receives the
 * ids and ARIA state that tie it to its hint and error, so screen readers read them with the field.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The attributes the input must carry, handed to the render function. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

/** Props of {@link FormField}. */
export interface FormFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** Renders the label, hint and error of a field around the control `children` renders. */
export function FormField({ id, label, hint, error, required = false, className, children }: FormFieldProps) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const classes = ['field', className, error ? 'field--invalid' : undefined].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <label htmlFor={id}>
        {label}
        {!required && <span className="field__optional"> {t('form.optional')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      )}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(required ? { required: true } : {}),
      })}
    </div>
  );
}
