/**
 * An optional short note that goes with a step of a request (a move's note, an offer's reason for
 * declining): a labelled two-row text area whose direction follows what is typed.
 */
import { FormField } from '../../components/FormField.js';

/** Props of {@link NoteField}. */
export interface NoteFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
}

/** The note's label, hint and text area. */
export function NoteField({ id, label, hint, maxLength, value, onChange }: NoteFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          dir="auto"
          rows={2}
          maxLength={maxLength}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
