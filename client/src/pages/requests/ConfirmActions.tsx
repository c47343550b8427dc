/**
 * The two buttons of a confirmation in the request pages: the action (a submit button of its form, or a
 * plain button with `onConfirm`), disabled while sending, and the secondary "keep as it was".
 */

/** Props of {@link ConfirmActions}. */
export interface ConfirmActionsProps {
  confirmLabel: string;
  cancelLabel: string;
  sending: boolean;
  /** Without it, the action submits the form the buttons are in. */
  onConfirm?: () => void;
  onCancel: () => void;
}

/** The action and the cancel button, side by side. */
export function ConfirmActions({
  confirmLabel,
  cancelLabel,
  sending,
  onConfirm,
  onCancel,
}: ConfirmActionsProps) {
  return (
    <div className="request-actions">
      <button
        type={onConfirm ? 'button' : 'submit'}
        className="button"
        disabled={sending}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
