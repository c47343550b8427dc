/**
 * The fields every labelled content type stores for the policy (shared/policy/content.ts), for the
 * models written since they were settled (expert requests, library records): where the item lives,
 * its label and RED audience, its author and their city, its moderation state and history, and the
 * search tokens.
 */
import { Schema } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';
import { CONTENT_STATES } from '../../shared/policy/content.js';
import { moderationEventSchema } from './moderationEvent.js';

/** The policy fields, to spread into a content model's schema definition. */
export const labelledContentFields = {
  spaceId: { type: Schema.Types.ObjectId, required: true },
  spaceHubId: { type: Schema.Types.ObjectId, default: null },
  label: { type: String, enum: LABELS, required: true },
  /** The RED audience: the space's members when the item was written. */
  audienceIds: { type: [Schema.Types.ObjectId], default: [] },
  authorId: { type: Schema.Types.ObjectId, required: true },
  authorCityId: { type: Schema.Types.ObjectId, default: null },
  state: { type: String, enum: CONTENT_STATES, required: true },
  published: { type: Boolean, default: false },
  tokens: { type: [String], default: [] },
  language: { type: String, default: null },
  /** Items without a parent keep it false, for the one live condition of every type. */
  topicHidden: { type: Boolean, default: false },
  moderation: { type: [moderationEventSchema], default: [] },
  /** Copies shared onward name their source (types without onward sharing keep null). */
  forwardedFrom: { type: Schema.Types.Mixed, default: null },
} as const;
