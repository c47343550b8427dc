/**
 * Key rotation, second half: re-wraps every stored secret's data key under the current key
 * (DATA_ENCRYPTION_KEY's first entry), so the old key can then be dropped. Each value is replaced only
 * if it is still the one read (a conditional write), so it is safe beside running nodes and safe to
 * run again.
 */
import mongoose from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { SEALED_FIELDS } from '../../secrets/sealedFields.js';
import { isSealed, rewrapSealed } from '../../secrets/sealedSecrets.js';

/** What a rewrap did, per model. */
export interface RewrapOutcome {
  model: string;
  rewrapped: number;
  alreadyCurrent: number;
}

/** Re-wraps every sealed field; returns the counts per model and audits the run. */
export async function rewrapStoredSecrets(actor: Actor): Promise<RewrapOutcome[]> {
  const outcomes: RewrapOutcome[] = [];
  for (const { model: name, fields } of SEALED_FIELDS) {
    const model = mongoose.model(name);
    const outcome = { model: name, rewrapped: 0, alreadyCurrent: 0 };
    const projection = Object.fromEntries(fields.map((field) => [field, 1]));
    const filter = { $or: fields.map((field) => ({ [field]: { $type: 'string' } })) };
    for await (const doc of model.find(filter, projection).lean().cursor()) {
      for (const field of fields) {
        const value = (doc as Record<string, unknown>)[field];
        if (!isSealed(value)) continue;
        const next = rewrapSealed(value);
        if (next === value) {
          outcome.alreadyCurrent += 1;
          continue;
        }
        const result = await model.updateOne({ _id: doc._id, [field]: value }, { $set: { [field]: next } });
        if (result.modifiedCount === 1) outcome.rewrapped += 1;
      }
    }
    outcomes.push(outcome);
  }
  await recordAudit(actor, 'secrets.rewrapped', null, {
    rewrapped: outcomes.reduce((sum, o) => sum + o.rewrapped, 0),
  });
  return outcomes;
}
