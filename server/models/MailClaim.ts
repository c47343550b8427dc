/**
 * Claims on outgoing notification e-mail, so that two runs (or two nodes) never send the same e-mail
 * at once. A claim is won by inserting its key as `_id`: the unique primary key is the one guard that
 * holds on FerretDB (SQLite) as well as MongoDB; conditional updates are not atomic under concurrency
 * on FerretDB 1.24. Old claims are swept by the digest job.
 */
import { Schema, model, type InferSchemaType } from 'mongoose';

const mailClaimSchema = new Schema(
  {
    /** `digest:<person>:<marker>:<due time>:<lease bucket>` or `mention:<notification>`. */
    _id: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw' },
);
mailClaimSchema.index({ createdAt: 1 });

/** A stored claim. */
export type MailClaimDoc = InferSchemaType<typeof mailClaimSchema>;

/** The mail claims collection. */
export const MailClaimModel = model('MailClaim', mailClaimSchema);

/** Inserts the claims in order; true when every one was won (a key already taken loses the claim). */
export async function claimAll(keys: string[], now = new Date()): Promise<boolean> {
  for (const key of keys) {
    try {
      await MailClaimModel.create({ _id: key, createdAt: now });
    } catch (error) {
      if ((error as { code?: number }).code === 11000 || /E11000/.test(String(error))) return false;
      throw error;
    }
  }
  return true;
}
