/**
 * A form's action row: its submit button (disabled, with a busy label, while sending) and a secondary
 * button that cancels the form.
 */
import type { ReactNode } from 'react';
import { SubmitButton } from './SubmitButton.js';

/** Props of {@link FormActions}. */
export interface FormActionsProps {
  sending: boolean;
  /** The submit button's label while sending, e.g. "Sending…". */
  busyLabel: string;
  /** The submit button's label at rest. */
  submitLabel: ReactNode;
  /** The cancel button's label. */
  cancelLabel: string;
  onCancel: () => void;
}

/** Renders the submit and cancel buttons of a form, side by side. */
export function FormActions({ sending, busyLabel, submitLabel, cancelLabel, onCancel }: FormActionsProps) {
  return (
    <div className="form-actions">
      <SubmitButton sending={sending} busyLabel={busyLabel}>
        {submitLabel}
      </SubmitButton>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
