/**
 * The labelled-content kernel's one declaration per content type. A type says here, once, what the
 * kernel cannot know by itself: its collection, what search indexes, how its changes are published,
 * what follows it (a topic's or thread root's replies) and how its notices are named. The kernel
 * (this folder) then gives it create, load, quarantine and restore, and deletion with a tombstone;
 * reads, relabelling, search, notification rendering and export were already one road for every type
 * (server/policy/contentAccess.ts, moderation/relabelContent.ts, search/, notifications/).
 * Posts and forum items declare themselves in posts/postKind.ts, room messages in rooms/messageKind.ts.
 */
import type { Model } from 'mongoose';
import type { ContentType } from '../../../shared/policy/content.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RetentionSetting } from '../../config.js';
import type { ContentDocs } from '../../policy/contentAccess.js';
import type { NotificationKind } from '../notifications/notify.js';

/** The changes the kernel publishes for a type's processors (sockets, notifications). */
export type KernelChange = 'created' | 'quarantined' | 'restored' | 'deleted';

/** One content type as the kernel sees it. */
export interface ContentKind<T extends ContentType = ContentType> {
  /** The policy subject and the audit entries' type. */
  type: T;
  /** How a conflict names one item ("The item is not visible."). */
  noun: string;
  /** The collection the kernel writes to (reads go through policy/contentAccess.ts). */
  model: Model<never>;
  /** The texts the search index is built from, in the order they weigh. */
  searchTexts(item: Pick<ContentDocs[T], 'body'> & { title?: string | null }): string[];
  /** Publishes one change after it is stored (the type's event on the domain bus). */
  publish(change: KernelChange, before: ContentDocs[T] | null, after: ContentDocs[T]): void;
  /**
   * A new item looks at its parent again once stored (a quarantine or raise of the parent may have
   * passed over it); returns the item as it now stands.
   */
  followParent(actor: Actor, item: ContentDocs[T]): Promise<ContentDocs[T]>;
  /** Hides (or shows again) the items that live under this one (replies); returns how many changed. */
  hideDependents(item: ContentDocs[T], hidden: boolean): Promise<number>;
  /** Tells the item's parent that one of its dependents changed (a thread root's counts). */
  touchParent(item: ContentDocs[T]): Promise<void>;
  /** The notices of moderation outcomes. */
  notices: { quarantined: NotificationKind; restored: NotificationKind; deleted: NotificationKind | null };
  /** What a deletion erases, leaving the tombstone with its moderation history. */
  erased: Record<string, unknown>;
  /** Whether readers flag this type (open flags are resolved when a moderator acts). */
  flagged: boolean;
  /**
   * The retention setting (RETENTION_DAYS_<SETTING>, e.g. RETENTION_DAYS_MESSAGES) that says how many
   * days this type is kept before the kernel's retention job (content/expireContent.ts) deletes it
   * with a tombstone; unset keeps it for ever.
   */
  retentionSetting: RetentionSetting;
  /** What retention must also match to delete an item (documents: not held by a moderator); none: all. */
  retentionFilter?: Record<string, unknown>;
}
