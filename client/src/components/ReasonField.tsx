/**
 * The required free-text field in which someone gives the reason (or justification) for an action:
 * a labelled, optionally hinted text input whose direction follows what is typed.
 */
import { FormField } from './FormField.js';

/** Props of {@link ReasonField}. */
export interface ReasonFieldProps {
  /** The input's id (its hint's and error's ids derive from it). */
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}

/** Renders a required, direction-neutral text input for a reason inside a {@link FormField}. */
export function ReasonField({ id, label, hint, value, onChange }: ReasonFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} required>
      {(control) => (
        <input {...control} type="text" dir="auto" value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </FormField>
  );
}
