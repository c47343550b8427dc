/**
 * A group of checkboxes over a vocabulary: a fieldset whose legend names the group (marked optional
 * unless required), its error tied to it by `aria-describedby`, and one labelled checkbox per option.
 */
import { useTranslation } from 'react-i18next';

/** One option of a {@link CheckboxGroup}: the value sent and the label shown. */
export interface CheckboxOption {
  value: string;
  label: string;
}

/** Props of {@link CheckboxGroup}. */
export interface CheckboxGroupProps {
  /** The fieldset's id stem: each checkbox is `<id>-<value>`, the error `<id>-error`. */
  id: string;
  legend: string;
  error: string | undefined;
  options: CheckboxOption[];
  chosen: string[];
  onToggle: (value: string, on: boolean) => void;
  required?: boolean;
  /** The page's class for the fieldset (its spacing). */
  className: string;
  /** The page's class for each checkbox row. */
  choiceClassName: string;
}

/** A fieldset of checkboxes with its legend and error. */
export function CheckboxGroup({
  id,
  legend,
  error,
  options,
  chosen,
  onToggle,
  required = false,
  className,
  choiceClassName,
}: CheckboxGroupProps) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={error ? `field field--invalid ${className}` : `field ${className}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend>
        {legend}
        {!required && <span className="field__optional"> {t('form.optional')}</span>}
      </legend>
      <FieldsetError id={`${id}-error`} error={error} />
      {options.map((option) => (
        <div key={option.value} className={choiceClassName}>
          <input
            type="checkbox"
            id={`${id}-${option.value}`}
            value={option.value}
            checked={chosen.includes(option.value)}
            onChange={(e) => onToggle(option.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A fieldset's error paragraph (with the hidden "Error:" prefix), or nothing without an error. */
export function FieldsetError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {error}
    </p>
  );
}

/** The list `chosen` with `value` added (`on`) or taken out. */
export function toggled(chosen: string[], value: string, on: boolean): string[] {
  return on ? [...chosen, value] : chosen.filter((v) => v !== value);
}
