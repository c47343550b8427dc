/**
 * Per-person notification preferences and the e-mail digest's bookkeeping. One document per person
 * (its `_id` is the person's id), created with the defaults the first time the person is notified or reads their preferences.
 *
 * The digest marker: every notification with `_id <= digestAfter` has been considered for a digest
 * (sent, or left out because it could not be shown). A run claims the person's digest (MailClaim),
 * sends, then moves the marker and `nextDigestAt`; a run that dies after sending leaves the marker in
 * place, so the digest is sent again after the claim's lease (at least once, never skipped).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** How often the e-mail digest goes out. */
export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;

/** One of {@link DIGEST_FREQUENCIES}. */
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

/**
 * What a person hears from one space: everything (the default), only mentions of them, or nothing
 * (muted). Notices about their own material and moderators' flags come whatever the level.
 */
export const SPACE_LEVELS = ['all', 'mentions', 'none'] as const;

/** One of {@link SPACE_LEVELS}. */
export type SpaceLevel = (typeof SPACE_LEVELS)[number];

const notificationPreferenceSchema = new Schema(
  {
    /** The person's id: `_id` equality is the one query FerretDB answers without a scan. */
    _id: { type: Schema.Types.ObjectId, required: true },
    digest: { type: String, enum: DIGEST_FREQUENCIES, required: true },
    /** An e-mail at once when mentioned (bodies only where the label allows). */
    mentions: { type: Boolean, required: true },
    /** The spaces whose level is not `all`; a space not listed is heard in full. */
    spaces: {
      type: [
        new Schema(
          {
            spaceId: { type: Schema.Types.ObjectId, required: true },
            level: { type: String, enum: SPACE_LEVELS, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    digestAfter: { type: Schema.Types.ObjectId, required: true },
    nextDigestAt: { type: Date, required: true },
    lastDigest: {
      type: new Schema(
        {
          sentAt: { type: Date, required: true },
          count: { type: Number, required: true },
          messageId: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true, strict: 'throw' },
);
notificationPreferenceSchema.index({ nextDigestAt: 1, digest: 1 });

/** A stored preference document. */
export type NotificationPreferenceDoc = InferSchemaType<typeof notificationPreferenceSchema> & {
  _id: Types.ObjectId;
};

/** The notification preferences collection. */
export const NotificationPreferenceModel = model('NotificationPreference', notificationPreferenceSchema);
