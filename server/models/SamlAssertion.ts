/** Assertion ids already accepted (replay cache); kept until the assertion expires, then swept. */
import { Schema, model, type InferSchemaType } from 'mongoose';

const samlAssertionSchema = new Schema(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
samlAssertionSchema.index({ expiresAt: 1 });

/** A stored assertion id (`<provider id>:<assertion ID>`). */
export type SamlAssertionDoc = InferSchemaType<typeof samlAssertionSchema>;

/** The replay cache collection. */
export const SamlAssertionModel = model('SamlAssertion', samlAssertionSchema);
