/** /forums/:space/:category/new: the form that starts a topic, with its label bounded by the space's ceiling. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate } from '../../router.js';
import type { Label } from '../../../../shared/policy/labels.js';
import { createTopic, forumPaths, getSpace, listCategories, type SpaceView } from './forumsApi.js';
import { LabelPicker } from './LabelPicker.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { errorRefusal } from '../../errors/refusal.js';
import { SpaceNotice } from './SpaceNotice.js';
import { useLoad } from './useLoad.js';
import { ComposerAttachments } from '../documents/ComposerAttachments.js';
import { useComposerAttachments } from '../documents/useComposerAttachments.js';

/** Loads the space and category, then shows the new-topic form. */
export function NewTopicPage({ space, category }: { space: string; category: string }) {
  const { t } = useTranslation();
  usePageTitle(t('forums.newTopic'));
  const loaded = useLoad(['newTopic', space, category], async (signal) => {
    const [info, categories] = await Promise.all([getSpace(space, signal), listCategories(space, signal)]);
    return { info, category: categories.items.find((c) => c.slug === category) ?? null };
  });
  return (
    <>
      <p className="breadcrumb">
        <Link to={forumPaths.home}>{t('forums.title')}</Link>
        {loaded.state === 'ready' && loaded.data.category && (
          <>
            {' › '}
            <Link to={forumPaths.space(space)}>{loaded.data.info.name}</Link>
            {' › '}
            <Link to={forumPaths.category(space, category)}>{loaded.data.category.name}</Link>
          </>
        )}
      </p>
      <h1>{t('forums.newTopic')}</h1>
      <StatusMessage>{loaded.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
      {loaded.state === 'error' && <LoadError error={loaded.error} onRetry={loaded.retry} />}
      {loaded.state === 'ready' && !loaded.data.category && <p>{t('forums.notFoundText')}</p>}
      {loaded.state === 'ready' && loaded.data.category && (
        <NewTopicForm space={loaded.data.info} category={category} />
      )}
    </>
  );
}

function NewTopicForm({ space, category }: { space: SpaceView; category: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [label, setLabel] = useState<Label>(space.defaultLabel);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const files = useComposerAttachments();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !body.trim()) {
      setAlert(alertMessage(t('forums.form.required')));
      return;
    }
    const held = files.holdBack(label, t);
    if (held) {
      setAlert(alertMessage(held));
      return;
    }
    setSending(true);
    try {
      const topic = await createTopic(space.slug, category, { title, body, label, attachments: files.ids });
      navigate(forumPaths.topic(topic.id));
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };

  return (
    <form className="forum-form" onSubmit={submit} noValidate>
      <SpaceNotice space={space} />
      <FormAlert message={alert} id="new-topic-error" />
      <FormField id="topic-title" label={t('forums.form.title')} required>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={300}
            dir="auto"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </FormField>
      <FormField id="topic-body" label={t('forums.form.body')} required>
        {(control) => <MarkdownEditor control={control} value={body} onChange={setBody} rows={10} />}
      </FormField>
      <LabelPicker id="topic-label" value={label} onChange={setLabel} ceiling={space.ceiling} />
      <ComposerAttachments files={files} spaceSlug={space.slug} label={label} idPrefix="topic" />
      <SubmitButton sending={sending} busyLabel={t('forums.form.posting')}>
        {t('forums.form.postTopic')}
      </SubmitButton>
    </form>
  );
}
