/** Editing one's own topic or reply: the Markdown source (and a topic's title); the server keeps the previous text. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { FormActions } from '../../components/FormActions.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import type { PostItemData } from './PostItem.js';
import { errorRefusal } from '../../errors/refusal.js';

/** The edit form for `post`. */
export function EditForm({
  post,
  onSave,
  onCancel,
}: {
  post: PostItemData;
  onSave: (input: { title?: string; body: string }) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(post.title ?? '');
  const [body, setBody] = useState(post.body);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await onSave(post.kind === 'topic' ? { title, body } : { body });
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  return (
    <form className="forum-form" onSubmit={submit} noValidate>
      <FormAlert message={alert} id={`edit-${post.id}-error`} />
      {post.kind === 'topic' && (
        <FormField id={`edit-${post.id}-title`} label={t('forums.form.title')} required>
          {(control) => (
            <input
              {...control}
              type="text"
              dir="auto"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </FormField>
      )}
      <FormField id={`edit-${post.id}-body`} label={t('forums.form.editBody')} required>
        {(control) => <MarkdownEditor control={control} value={body} onChange={setBody} />}
      </FormField>
      <FormActions
        sending={sending}
        busyLabel={t('forums.form.saving')}
        submitLabel={t('forums.form.save')}
        cancelLabel={t('forums.form.cancel')}
        onCancel={onCancel}
      />
    </form>
  );
}
