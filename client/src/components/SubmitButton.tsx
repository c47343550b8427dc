/**
 * A form's submit button: disabled while the form is sending, with a label saying so, so a slow
 * network never invites a second submission.
 */
import type { ReactNode } from 'react';

/** Props of {@link SubmitButton}. */
export interface SubmitButtonProps {
  sending: boolean;
  /** The label while sending, e.g. "Sending…". */
  busyLabel: string;
  /** The label at rest. */
  children: ReactNode;
}

/** Renders the submit button of a form that is, or is not, sending. */
export function SubmitButton({ sending, busyLabel, children }: SubmitButtonProps) {
  return (
    <button type="submit" className="button" disabled={sending}>
      {sending ? busyLabel : children}
    </button>
  );
}
