/**
 * The form of a moderator's decision with a written reason on a document (releasing a version too
 * large to scan, placing a hold): the question, the reason field (focused when the form opens), the
 * submit and cancel buttons, and Escape to cancel. The caller keeps the state and does the work.
 */
import { useEffect, useRef, type FormEvent } from 'react';
import { FormActions } from '../../components/FormActions.js';
import { FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { ReasonField } from '../../components/ReasonField.js';

/** Props of {@link ReasonForm}; the words are the caller's, already translated. */
export interface ReasonFormProps {
  id: string;
  className: string;
  question: string;
  reasonLabel: string;
  reasonHint: string;
  reason: string;
  onReasonChange: (value: string) => void;
  alert: AlertMessage | null;
  sending: boolean;
  busyLabel: string;
  submitLabel: string;
  cancelLabel: string;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
}

/** A decision's reason form (see the file's comment). */
export function ReasonForm(props: ReasonFormProps) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector<HTMLElement>('input')?.focus(), []);
  const { id } = props;
  return (
    <form
      ref={form}
      className={props.className}
      onSubmit={props.onSubmit}
      noValidate
      aria-describedby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        props.onCancel();
      }}
    >
      <FormAlert message={props.alert} id={`${id}-error`} />
      <p id={`${id}-question`}>{props.question}</p>
      <ReasonField
        id={`${id}-reason`}
        label={props.reasonLabel}
        hint={props.reasonHint}
        value={props.reason}
        onChange={props.onReasonChange}
      />
      <FormActions
        sending={props.sending}
        busyLabel={props.busyLabel}
        submitLabel={props.submitLabel}
        cancelLabel={props.cancelLabel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
