/**
 * In-app notifications. Only references are stored; the body is computed when read (or sent) with
 * `notificationBody`, so a later relabel, quarantine or departure takes effect on old notifications too.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** Kinds of notification. */
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
] as const;

const notificationSchema = new Schema(
  {
    recipientId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
    postId: { type: Schema.Types.ObjectId, required: true },
    spaceId: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, default: null },
    createdAt: { type: Date, required: true },
    readAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
notificationSchema.index({ recipientId: 1, _id: 1 });

/** A stored notification. */
export type NotificationDoc = InferSchemaType<typeof notificationSchema> & { _id: Types.ObjectId };

/** The notifications collection. */
export const NotificationModel = model('Notification', notificationSchema);
