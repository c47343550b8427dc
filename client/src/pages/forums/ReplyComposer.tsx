/** The reply form under a topic: Markdown with mentions, and a label between the topic's and the space's ceiling. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { labelRank, type Label } from '../../../../shared/policy/labels.js';
import { createReply, type ReplyView, type SpaceView, type TopicView } from './forumsApi.js';
import { LabelPicker } from './LabelPicker.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { errorRefusal } from '../../errors/refusal.js';
import { ComposerAttachments } from '../documents/ComposerAttachments.js';
import { useComposerAttachments } from '../documents/useComposerAttachments.js';

/** Props of {@link ReplyComposer}. */
export interface ReplyComposerProps {
  topic: TopicView;
  space: SpaceView;
  onPosted: (reply: ReplyView) => void;
}

/** The reply form; cleared after a stored reply. */
export function ReplyComposer({ topic, space, onPosted }: ReplyComposerProps) {
  const { t } = useTranslation();
  const initial: Label =
    labelRank(space.defaultLabel) >= labelRank(topic.label) ? space.defaultLabel : topic.label;
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<Label>(initial);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const files = useComposerAttachments();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setAlert(alertMessage(t('forums.form.replyRequired')));
      return;
    }
    const held = files.holdBack(label, t);
    if (held) {
      setAlert(alertMessage(held));
      return;
    }
    setSending(true);
    try {
      const reply = await createReply(topic.id, { body, label, attachments: files.ids });
      setBody('');
      files.reset();
      onPosted(reply);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="forum-form" onSubmit={submit} noValidate aria-labelledby="reply-heading">
      <h2 id="reply-heading">{t('forums.reply.heading')}</h2>
      <FormAlert message={alert} id="reply-error" />
      <FormField id="reply-body" label={t('forums.reply.body')} required>
        {(control) => <MarkdownEditor control={control} value={body} onChange={setBody} rows={6} />}
      </FormField>
      <LabelPicker
        id="reply-label"
        value={label}
        onChange={setLabel}
        ceiling={space.ceiling}
        floor={topic.label}
      />
      <ComposerAttachments files={files} spaceSlug={space.slug} label={label} idPrefix="reply" />
      <SubmitButton sending={sending} busyLabel={t('forums.form.posting')}>
        {t('forums.reply.send')}
      </SubmitButton>
    </form>
  );
}
