/**
 * Domain events about content and access, published by the services after each write on the one bus
 * (domainEvents.ts): `content`, `membership`, `access`. The real-time layer subscribes and hands
 * content to server/sockets/broadcast.ts, which decides who receives what, and re-authorises open
 * sockets on membership and access changes.
 */
import type { DocumentDoc } from '../models/Document.js';
import type { ExpertRequestDoc } from '../models/ExpertRequest.js';
import type { LibraryRecordDoc } from '../models/LibraryRecord.js';
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

/** One expert request event: the request before (null when created) and after the change. */
export interface RequestEvent {
  type: ContentEventType | 'progressed' | 'offered';
  before: ExpertRequestDoc | null;
  after: ExpertRequestDoc;
}

/** Publishes an expert request event (`request`) to its processors, if any. */
export function emitRequestEvent(event: RequestEvent): void {
  publish('request', event);
}

/** One library record event: the record before (null when created) and after the change. */
export interface LibraryEvent {
  type: ContentEventType | 'submitted' | 'approved' | 'published';
  before: LibraryRecordDoc | null;
  after: LibraryRecordDoc;
}

/** Publishes a library record event (`library`) to its processors, if any. */
export function emitLibraryEvent(event: LibraryEvent): void {
  publish('library', event);
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
