/**
 * One topic body or reply: who, when, its label, and its text. `html` is inserted as HTML only because
 * the server rendered the Markdown and sanitised it (no raw HTML, no script, safe links); every other
 * field is text. The author may edit; moderators and the author may see the edit history; anyone may flag.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Label } from '../../../../shared/policy/labels.js';
import { authorName, formatWhen } from './format.js';
import { EditForm } from './EditForm.js';
import { FlagForm } from './FlagForm.js';
import { RevisionList } from './RevisionList.js';
import { LabelBadge } from '../../components/LabelBadge.js';

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
}

/** Props of {@link PostItem}. */
export interface PostItemProps {
  post: PostItemData;
  viewerId: string;
  viewerMayModerate: boolean;
  /** Saves an edit; resolves when stored. */
  onEdit: (input: { title?: string; body: string }) => Promise<void>;
  headingLevel: 'h1' | 'h3';
  children?: ReactNode;
}

type Panel = 'none' | 'edit' | 'flag' | 'history';

/** Renders the post with its actions. */
export function PostItem({
  post,
  viewerId,
  viewerMayModerate,
  onEdit,
  headingLevel,
  children,
}: PostItemProps) {
  const { t, i18n } = useTranslation();
  const [panel, setPanel] = useState<Panel>('none');
  const mine = post.author?.id === viewerId;
  const Heading = headingLevel;
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  const labelledBy = `post-${post.id}-by`;
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
      {panel === 'edit' ? (
        <EditForm
          post={post}
          onCancel={() => setPanel('none')}
          onSave={async (input) => {
            await onEdit(input);
            setPanel('none');
          }}
        />
      ) : (
        // The server renders the Markdown and sanitises the result; nothing else is inserted as HTML.
        <div className="post__body" dir="auto" dangerouslySetInnerHTML={{ __html: post.html }} />
      )}
      <div className="post__actions">
        {mine && (
          <button
            type="button"
            className="link-button"
            aria-expanded={panel === 'edit'}
            onClick={() => toggle('edit')}
          >
            {t('forums.edit')}
          </button>
        )}
        {post.edited && (mine || viewerMayModerate) && (
          <button
            type="button"
            className="link-button"
            aria-expanded={panel === 'history'}
            onClick={() => toggle('history')}
          >
            {t('forums.history.show')}
          </button>
        )}
        {!mine && (
          <button
            type="button"
            className="link-button"
            aria-expanded={panel === 'flag'}
            onClick={() => toggle('flag')}
          >
            {t('forums.flag.open')}
          </button>
        )}
      </div>
      {panel === 'history' && <RevisionList kind={post.kind} id={post.id} />}
      {panel === 'flag' && <FlagForm postId={post.id} onDone={() => setPanel('none')} />}
    </article>
  );
}
