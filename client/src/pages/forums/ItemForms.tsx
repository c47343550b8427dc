/**
 * The forms behind a topic's or reply's per-item controls: delete, quarantine and change the label.
 * {@link PostItem} opens one only when the item's `abilities` allow it; the server still decides, and a
 * refusal is shown as the server worded it. Each form takes focus when it opens and Escape closes it.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { raises, type Label } from '../../../../shared/policy/labels.js';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormActions } from '../../components/FormActions.js';
import { ReasonField } from '../../components/ReasonField.js';
import { errorRefusal } from '../../errors/refusal.js';
import {
  deleteForumPost,
  quarantineForumPost,
  relabelForumPost,
  type ItemAbilitiesView,
} from './forumsApi.js';
import { LabelPicker } from './LabelPicker.js';

/** The item a form acts on. */
interface Item {
  id: string;
  kind: 'topic' | 'reply';
  label: Label;
}

/** Moves focus to the form's first control when it opens; Escape on the form calls `onCancel`. */
function useFormFocus(onCancel: () => void) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button')?.focus();
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };
  return { ref: form, onKeyDown };
}

/** Props of {@link DeleteForm}. */
export interface DeleteFormProps {
  item: Item;
  /** True for someone else's item: the server asks a moderator for a reason. */
  needsReason: boolean;
  onDeleted: () => void;
  onCancel: () => void;
}

/** Confirms deleting a topic (with its replies) or a reply, with a reason for someone else's item. */
export function DeleteForm({ item, needsReason, onDeleted, onCancel }: DeleteFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const focus = useFormFocus(onCancel);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsReason && !reason.trim()) {
      setAlert(alertMessage(t('forums.item.deleteReasonRequired')));
      return;
    }
    setSending(true);
    try {
      await deleteForumPost(item.id, needsReason ? reason.trim() : undefined);
      onDeleted();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  const questionId = `delete-${item.id}-question`;
  return (
    <form
      className="forum-form forum-form--inline"
      onSubmit={submit}
      noValidate
      aria-describedby={questionId}
      {...focus}
    >
      <FormAlert message={alert} id={`delete-${item.id}-error`} />
      <p id={questionId}>
        {item.kind === 'topic' ? t('forums.item.deleteTopicQuestion') : t('forums.item.deleteReplyQuestion')}
      </p>
      {needsReason && (
        <ReasonField
          id={`delete-${item.id}-reason`}
          label={t('forums.item.deleteReason')}
          hint={t('forums.item.reasonHint')}
          value={reason}
          onChange={setReason}
        />
      )}
      <FormActions
        sending={sending}
        busyLabel={t('forums.item.deleting')}
        submitLabel={t('forums.item.deleteSubmit')}
        cancelLabel={t('forums.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Props of {@link QuarantineForm}. */
export interface QuarantineFormProps {
  item: Item;
  onQuarantined: () => void;
  onCancel: () => void;
}

/** Asks a moderator's reason, then quarantines the item (hidden everywhere until restored). */
export function QuarantineForm({ item, onQuarantined, onCancel }: QuarantineFormProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const focus = useFormFocus(onCancel);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setAlert(alertMessage(t('forums.item.quarantineRequired')));
      return;
    }
    setSending(true);
    try {
      await quarantineForumPost(item.id, reason.trim());
      onQuarantined();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  return (
    <form className="forum-form forum-form--inline" onSubmit={submit} noValidate {...focus}>
      <FormAlert message={alert} id={`quarantine-${item.id}-error`} />
      <ReasonField
        id={`quarantine-${item.id}-reason`}
        label={t('forums.item.quarantineReason')}
        hint={t('forums.item.reasonHint')}
        value={reason}
        onChange={setReason}
      />
      <FormActions
        sending={sending}
        busyLabel={t('forums.form.sending')}
        submitLabel={t('forums.item.quarantineSubmit')}
        cancelLabel={t('forums.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}

/** Props of {@link RelabelForm}. */
export interface RelabelFormProps {
  item: Item;
  /** The item's `raise` and `lower` abilities: which way the label may move. */
  abilities: Pick<ItemAbilitiesView, 'raise' | 'lower'>;
  /** The space's ceiling. */
  ceiling: Label;
  /** The lowest label allowed (a reply's topic label). */
  floor?: Label;
  onRelabelled: (label: Label) => void;
  onCancel: () => void;
}

/** Raises or lowers the item's label, as its abilities allow, with a justification. */
export function RelabelForm({ item, abilities, ceiling, floor, onRelabelled, onCancel }: RelabelFormProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState<Label>(item.label);
  const [justification, setJustification] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const focus = useFormFocus(onCancel);
  const offered = (candidate: Label) =>
    candidate === item.label || (raises(item.label, candidate) ? abilities.raise : abilities.lower);
  const direction =
    abilities.raise && abilities.lower ? 'mayBoth' : abilities.raise ? 'mayRaise' : 'mayLower';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (label === item.label) {
      setAlert(alertMessage(t('forums.item.relabelSame')));
      return;
    }
    if (!justification.trim()) {
      setAlert(alertMessage(t('forums.item.relabelRequired')));
      return;
    }
    setSending(true);
    try {
      await relabelForumPost(item.id, { label, justification: justification.trim() });
      onRelabelled(label);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  return (
    <form className="forum-form forum-form--inline" onSubmit={submit} noValidate {...focus}>
      <FormAlert message={alert} id={`relabel-${item.id}-error`} />
      <p>{t(`forums.item.${direction}`)}</p>
      <LabelPicker
        id={`relabel-${item.id}`}
        value={label}
        onChange={setLabel}
        ceiling={ceiling}
        {...(floor ? { floor } : {})}
        isOffered={offered}
      />
      <ReasonField
        id={`relabel-${item.id}-justification`}
        label={t('forums.item.relabelJustification')}
        hint={t('forums.item.reasonHint')}
        value={justification}
        onChange={setJustification}
      />
      <FormActions
        sending={sending}
        busyLabel={t('forums.form.saving')}
        submitLabel={t('forums.item.relabelSubmit')}
        cancelLabel={t('forums.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
