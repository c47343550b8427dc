/**
 * Expert profiles: one per expert, edited by the expert, verified by the Management Unit (admins and
 * global moderators). Matching (services/requests/) reads topics, languages, regions, formats,
 * availability, load limit, clearance and conflicts from here.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { AVAILABILITIES, EXPERT_FORMATS, EXPERT_TOPICS, PROFICIENCIES } from '../../shared/expertPool.js';
import { LABELS } from '../../shared/policy/labels.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const expertProfileSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    summary: { type: String, default: '' },
    topics: { type: [{ type: String, enum: EXPERT_TOPICS }], default: [] },
    /** ISO 639-1 codes with a proficiency. */
    languages: {
      type: [
        new Schema(
          {
            code: { type: String, required: true },
            proficiency: { type: String, enum: PROFICIENCIES, required: true },
          },
          { _id: false, strict: 'throw' },
        ),
      ],
      default: [],
    },
    /** Hub slugs (regions) and ISO 3166-1 country codes of experience. */
    regions: { type: [String], default: [] },
    countries: { type: [String], default: [] },
    formats: { type: [{ type: String, enum: EXPERT_FORMATS }], default: [] },
    availability: { type: String, enum: AVAILABILITIES, default: 'available' },
    /** An IANA time zone, e.g. Africa/Nairobi. */
    timeZone: { type: String, default: 'UTC' },
    /** At most this many requests in progress at once. */
    maxConcurrent: { type: Number, default: 2 },
    /** The highest label the expert may receive (set by the Management Unit). */
    clearance: { type: String, enum: LABELS, default: 'GREEN' },
    /** Declared conflicts: cities (ids), countries (codes) and organisations (names) never to advise. */
    conflicts: {
      type: new Schema(
        {
          cityIds: { type: [Schema.Types.ObjectId], default: [] },
          countries: { type: [String], default: [] },
          organisations: { type: [String], default: [] },
        },
        { _id: false, strict: 'throw' },
      ),
      default: () => ({}),
    },
    /** Set when the Management Unit verified the profile; a change of substance by the expert clears it. */
    verifiedAt: { type: Date, default: null },
    verifiedBy: { type: Schema.Types.ObjectId, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
expertProfileSchema.index({ personId: 1 }, { unique: true });
expertProfileSchema.index({ topics: 1, availability: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
expertProfileSchema.plugin(auditOutboxPlugin);

/** A stored expert profile. */
export type ExpertProfileDoc = InferSchemaType<typeof expertProfileSchema> & { _id: Types.ObjectId };

/** The expert profiles collection. */
export const ExpertProfileModel = model('ExpertProfile', expertProfileSchema);
