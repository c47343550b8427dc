/**
 * In-app notifications. Only references are stored (the item's type and id); the body is computed when
 * read (or sent) with `notificationBody`, so a later relabel, quarantine or departure takes effect on
 * old notifications too. Notifications stored before items had a type carry `postId` only: read them
 * with {@link itemRefOf}.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** Kinds of notification. `*.mentioned` may also be e-mailed at once (per-person preference). */
export const NOTIFICATION_KINDS = [
  'post.created',
  'post.quarantined',
  'post.restored',
  'post.deleted',
  'post.relabelled',
  'post.moved',
  'post.flagged',
  'post.mentioned',
  'post.replied',
  'message.mentioned',
  'message.replied',
  'message.quarantined',
  'message.restored',
  'message.relabelled',
  'message.flagged',
  'message.deleted',
  'document.quarantined',
  'document.restored',
  'document.deleted',
  'document.relabelled',
  'document.flagged',
  /** Its label's retention period ended: it is deleted after the grace period (documents/expireDocuments.ts). */
  'document.retention_due',
  'request.quarantined',
  'request.restored',
  'request.deleted',
  'request.relabelled',
  'request.flagged',
  /** A new expert request awaits triage (to its moderators). */
  'request.submitted',
  /** A request was offered to the expert (links to their offers, never to the request). */
  'request.offered',
  /** A request moved in its workflow (to its requester, experts and moderators; `reason` is the new state). */
  'request.progressed',
  /** A request's due date is two days away (to its requester, experts and moderators). */
  'request.due_soon',
  /** A request's due date passed while it is still open. */
  'request.overdue',
  'library.quarantined',
  'library.restored',
  'library.deleted',
  'library.relabelled',
  'library.flagged',
  /** A library record awaits the reader's approval (the source city's focal points, the editors). */
  'library.review_requested',
  /** A library record was published (to its author). */
  'library.published',
] as const;

/** The labelled content types a notification may point at. */
export const NOTIFIABLE_TYPES = ['Post', 'Message', 'Document', 'ExpertRequest', 'LibraryRecord'] as const;

/** One of {@link NOTIFIABLE_TYPES}. */
export type NotifiableType = (typeof NOTIFIABLE_TYPES)[number];

const notificationSchema = new Schema(
  {
    recipientId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    itemType: { type: String, enum: NOTIFIABLE_TYPES, default: null },
    itemId: { type: Schema.Types.ObjectId, default: null },
    /** The post again (posts only), as stored before `itemType`/`itemId`; read with itemRefOf. */
    postId: { type: Schema.Types.ObjectId, default: null },
    spaceId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, default: null },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
notificationSchema.index({ recipientId: 1, _id: 1 });
notificationSchema.index({ recipientId: 1, readAt: 1, _id: 1 });

/** A stored notification. */
export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };

/** The item a notification points at, whether stored with a type or (legacy) as a post. */
export function itemRefOf(doc: Pick<NotificationDoc, 'itemType' | 'itemId' | 'postId'>): {
  type: NotifiableType;
  id: string;
} {
  if (doc.itemType && doc.itemId) return { type: doc.itemType as NotifiableType, id: String(doc.itemId) };
  return { type: 'Post', id: String(doc.postId) };
}

/** The notifications collection. */
export const NotificationModel = model('Notification', notificationSchema);
