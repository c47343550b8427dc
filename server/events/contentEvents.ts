/**
 * Domain events about content, emitted by the services after each write. The real-time layer
 * subscribes and hands them to server/sockets/broadcast.ts, which decides who receives what.
 */
import { EventEmitter } from 'node:events';
import type { PostDoc } from '../models/Post.js';

/** What happened to an item. */
export type ContentEventType =
  'created' | 'updated' | 'relabelled' | 'quarantined' | 'restored' | 'moved' | 'deleted';

/** One content event: the item before (null when created) and after the change. */
export interface ContentEvent {
  type: ContentEventType;
  before: PostDoc | null;
  after: PostDoc;
}

/** The process-wide emitter of content events (`'content'`). */
export const contentEvents = new EventEmitter();

/** Emits a content event to the subscribers, if any. */
export function emitContentEvent(event: ContentEvent): void {
  contentEvents.emit('content', event);
}

/** A change of explicit space membership, for the real-time layer to re-check open sockets at once. */
export interface MembershipEvent {
  spaceId: string;
  personId: string;
  change: 'joined' | 'left';
}

/** Emits a membership event (`'membership'`) on the same emitter. */
export function emitMembershipEvent(event: MembershipEvent): void {
  contentEvents.emit('membership', event);
}

/**
 * A person's access changed without a membership event (roles replaced, for instance): the real-time
 * layer re-authorises their joined rooms at once.
 */
export interface AccessEvent {
  personId: string;
}

/** Emits an access event (`'access'`) on the same emitter. */
export function emitAccessEvent(event: AccessEvent): void {
  contentEvents.emit('access', event);
}
