/**
 * One topic body or reply: who, when, its label, and its text. `html` is inserted as HTML only because
 * the server rendered the Markdown and sanitised it (no raw HTML, no script, safe links); every other
 * field is text. Every per-item control (edit, change the label, delete, quarantine, flag) follows the
 * item's `abilities`, the server policy's answer, alone. The edit history, which no ability covers, is
 * offered to the author and to the forum's moderators, as the server allows (listRevisions); the author
 * also sees what moderators did to the item and why (AuthorHistory).
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../shared/policy/labels.js';
import { authorName, formatWhen } from './format.js';
import { EditForm } from './EditForm.js';
import { FlagForm } from './FlagForm.js';
import type { ItemAbilitiesView } from './forumsApi.js';
import { DeleteForm, QuarantineForm, RelabelForm } from './ItemForms.js';
import { RevisionList } from './RevisionList.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import type { AttachmentView } from '../../../../shared/schemas/attachments.js';
import { AttachmentList } from '../documents/AttachmentList.js';
import { AuthorHistory } from '../moderation/AuthorHistory.js';
import { useModerationStrings } from '../moderation/useModerationStrings.js';

/** What {@link PostItem} shows: the fields topics and replies share. */
export interface PostItemData {
  id: string;
  kind: 'topic' | 'reply';
  label: Label;
  body: string;
  html: string;
  /** `name` is null for a former member. */
  author: { id: string; name: string | null } | null;
  createdAt: string;
  edited: boolean;
  title?: string;
  /** The attached files the viewer may open. */
  attachments?: AttachmentView[];
  /** What the viewer may do with the item (the server's answer); the controls follow it alone. */
  abilities: ItemAbilitiesView;
}

/** Props of {@link PostItem}. */
export interface PostItemProps {
  post: PostItemData;
  viewerId: string;
  /**
   * Whether the viewer moderates the forum: with authorship, who may read the edit history (no item
   * ability covers it). Never used for a per-item control.
   */
  viewerMayModerate: boolean;
  /** The space's ceiling, and the lowest label the item may take (a reply's topic label), for a relabel. */
  ceiling: Label;
  floor?: Label;
  /** Saves an edit; resolves when stored. */
  onEdit: (input: { title?: string; body: string }) => Promise<void>;
  /** The item was deleted or quarantined by the viewer: the page takes it off. */
  onRemoved: (how: 'deleted' | 'quarantined') => void;
  /** The viewer changed the item's label: the page reads it again. */
  onRelabelled: (label: Label) => void;
  headingLevel: 'h1' | 'h3';
  children?: ReactNode;
}

type Panel = 'none' | 'edit' | 'flag' | 'history' | 'moderation' | 'relabel' | 'delete' | 'quarantine';

/** Renders the post with the actions its abilities allow. */
export function PostItem({
  post,
  viewerId,
  viewerMayModerate,
  ceiling,
  floor,
  onEdit,
  onRemoved,
  onRelabelled,
  headingLevel,
  children,
}: PostItemProps) {
  const { t, i18n } = useTranslation();
  const [panel, setPanel] = useState<Panel>('none');
  const openers = useRef(new Map<Panel, HTMLButtonElement | null>());
  const mine = post.author !== null && post.author.id === viewerId;
  const moderationStrings = useModerationStrings();
  const may = post.abilities;
  const Heading = headingLevel;
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  /** Closes the open form and gives focus back to the button that opened it. */
  const close = () => {
    const opener = openers.current.get(panel);
    setPanel('none');
    opener?.focus();
  };
  const labelledBy = `post-${post.id}-by`;
  const item = { id: post.id, kind: post.kind, label: post.label };
  /** One action button: toggles its panel, says whether it is open, and takes focus back on close. */
  const action = (name: Panel, text: string) => (
    <button
      type="button"
      className="link-button"
      aria-expanded={panel === name}
      ref={(button) => {
        openers.current.set(name, button);
      }}
      onClick={() => toggle(name)}
    >
      {text}
    </button>
  );
  return (
    <article className={`post post--${post.kind}`} aria-labelledby={labelledBy} id={`post-${post.id}`}>
      {post.kind === 'topic' && post.title !== undefined && <Heading dir="auto">{post.title}</Heading>}
      <p className="post__meta" id={labelledBy}>
        <LabelBadge label={post.label} />
        <span className="post__author">{authorName(post.author, t)}</span>
        <time dateTime={post.createdAt}>{formatWhen(post.createdAt, i18n.language)}</time>
        {post.edited && <span className="tag">{t('forums.edited')}</span>}
      </p>
      {children}
      {panel === 'edit' && may.update ? (
        <EditForm
          post={post}
          onCancel={close}
          onSave={async (input) => {
            await onEdit(input);
            close();
          }}
        />
      ) : (
        // The server renders the Markdown and sanitises the result; nothing else is inserted as HTML.
        <div className="post__body" dir="auto" dangerouslySetInnerHTML={{ __html: post.html }} />
      )}
      <AttachmentList attachments={post.attachments} />
      <div className="post__actions">
        {may.update && action('edit', t('forums.edit'))}
        {post.edited && (mine || viewerMayModerate) && action('history', t('forums.history.show'))}
        {mine && moderationStrings && action('moderation', t('moderation.authorHistory.open'))}
        {(may.raise || may.lower) && action('relabel', t('forums.item.relabel'))}
        {may.delete && action('delete', t('forums.item.delete'))}
        {may.quarantine && action('quarantine', t('forums.item.quarantine'))}
        {may.flag && action('flag', t('forums.flag.open'))}
      </div>
      {panel === 'history' && <RevisionList kind={post.kind} id={post.id} />}
      {panel === 'moderation' && mine && <AuthorHistory postId={post.id} />}
      {panel === 'relabel' && (may.raise || may.lower) && (
        <RelabelForm
          item={item}
          abilities={may}
          ceiling={ceiling}
          {...(floor ? { floor } : {})}
          onCancel={close}
          onRelabelled={(label) => {
            close();
            onRelabelled(label);
          }}
        />
      )}
      {panel === 'delete' && may.delete && (
        <DeleteForm item={item} needsReason={!mine} onCancel={close} onDeleted={() => onRemoved('deleted')} />
      )}
      {panel === 'quarantine' && may.quarantine && (
        <QuarantineForm item={item} onCancel={close} onQuarantined={() => onRemoved('quarantined')} />
      )}
      {panel === 'flag' && may.flag && <FlagForm postId={post.id} onDone={close} />}
    </article>
  );
}
