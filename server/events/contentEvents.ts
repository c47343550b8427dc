/**
 * Domain events about content and access, published by the services after each write on the one bus
 * (domainEvents.ts): `content`, `membership`, `access`. The real-time layer subscribes and hands
 * content to server/sockets/broadcast.ts, which decides who receives what, and re-authorises open
 * sockets on membership and access changes.
 */
import type { DocumentDoc } from '../models/Document.js';
import type { PostDoc } from '../models/Post.js';
import { publish } from './domainEvents.js';

/** What happened to an item. */
export type ContentEventType =
  'created' | 'updated' | 'relabelled' | 'quarantined' | 'restored' | 'moved' | 'deleted';

/** One content event: the item before (null when created) and after the change. */
export interface ContentEvent {
  type: ContentEventType;
  before: PostDoc | null;
  after: PostDoc;
}

/** Publishes a content event (`content`) to its processors, if any. */
export function emitContentEvent(event: ContentEvent): void {
  publish('content', event);
}

/** One document event: the document before (null when created) and after the change. */
export interface DocumentEvent {
  type: ContentEventType | 'versioned' | 'checked';
  before: DocumentDoc | null;
  after: DocumentDoc;
}

/** Publishes a document event (`document`) to its processors, if any. */
export function emitDocumentEvent(event: DocumentEvent): void {
  publish('document', event);
}

/** A change of explicit space membership, for the real-time layer to re-check open sockets at once. */
export interface MembershipEvent {
  spaceId: string;
  personId: string;
  change: 'joined' | 'left';
}

/** Publishes a membership event (`membership`). */
export function emitMembershipEvent(event: MembershipEvent): void {
  publish('membership', event);
}

/**
 * A person's access changed without a membership event (roles replaced, for instance): the real-time
 * layer re-authorises their joined rooms at once.
 */
export interface AccessEvent {
  personId: string;
}

/** Publishes an access event (`access`). */
export function emitAccessEvent(event: AccessEvent): void {
  publish('access', event);
}
