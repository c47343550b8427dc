/**
 * Topic subscriptions: one document per (person, topic). `subscribed: false` records an explicit
 * unsubscription, so replying again does not silently re-subscribe someone who left.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const forumSubscriptionSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    topicId: { type: Schema.Types.ObjectId, required: true },
    subscribed: { type: Boolean, required: true },
    updatedAt: { type: Date, required: true },
  },
  { strict: 'throw' },
);
forumSubscriptionSchema.index({ personId: 1, topicId: 1 }, { unique: true });
forumSubscriptionSchema.index({ topicId: 1, subscribed: 1 });

/** A stored subscription. */
export type ForumSubscriptionDoc = InferSchemaType<typeof forumSubscriptionSchema> & { _id: Types.ObjectId };

/** The forum subscriptions collection. */
export const ForumSubscriptionModel = model('ForumSubscription', forumSubscriptionSchema);
