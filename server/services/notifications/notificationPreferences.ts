/**
 * Per-person notification preferences: the e-mail digest (off, daily, weekly) and immediate e-mail
 * for mentions. A person's document is created with the defaults the first time they are notified or
 * read their preferences; its digest marker then starts "now", so no older notification is e-mailed.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { NotificationPreferences } from '../../../shared/schemas/notifications.js';
import {
  NotificationPreferenceModel,
  type DigestFrequency,
  type NotificationPreferenceDoc,
} from '../../models/NotificationPreference.js';
import { UnauthenticatedError } from '../../errors.js';

type Preferences = z.infer<typeof NotificationPreferences>;

/** The preferences of someone who never chose: a daily digest and an e-mail when mentioned. */
export const DEFAULT_PREFERENCES: Preferences = { digest: 'daily', mentions: true };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The time between two digests. */
export function digestPeriodMs(frequency: DigestFrequency): number {
  return frequency === 'weekly' ? 7 * DAY_MS : DAY_MS;
}

/**
 * The greatest ObjectId made before the second of `date`: every id generated from that second on is
 * greater (ObjectIds start with their creation time in seconds).
 */
export function idBefore(date: Date): Types.ObjectId {
  const seconds = Math.floor(date.getTime() / 1000) - 1;
  return new Types.ObjectId(seconds.toString(16).padStart(8, '0') + 'ffffffffffffffff');
}

/** Creates the missing preference documents of these people with the defaults (idempotent). */
export async function ensurePreferences(personIds: string[], now = new Date()): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const existing = await NotificationPreferenceModel.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  const have = new Set(existing.map((p) => String(p._id)));
  const missing = ids.filter((id) => !have.has(id));
  if (missing.length === 0) return;
  try {
    await NotificationPreferenceModel.insertMany(
      missing.map((id) => ({
        _id: id,
        ...DEFAULT_PREFERENCES,
        digestAfter: idBefore(now),
        nextDigestAt: new Date(now.getTime() + digestPeriodMs(DEFAULT_PREFERENCES.digest)),
      })),
      { ordered: false },
    );
  } catch (error) {
    // Another request created some of them at the same moment: theirs stand.
    if ((error as { code?: number }).code !== 11000 && !/E11000/.test(String(error))) throw error;
  }
}

function present(doc: Pick<NotificationPreferenceDoc, 'digest' | 'mentions'>): Preferences {
  return { digest: doc.digest as DigestFrequency, mentions: doc.mentions };
}

function personId(actor: Actor): string {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return actor.id;
}

async function load(id: string): Promise<NotificationPreferenceDoc> {
  await ensurePreferences([id]);
  const doc = await NotificationPreferenceModel.findById(id).lean();
  if (!doc) throw new Error('notification preferences vanished');
  return doc as NotificationPreferenceDoc;
}

/** The actor's preferences. */
export async function getNotificationPreferences(actor: Actor): Promise<Preferences> {
  return present(await load(personId(actor)));
}

/**
 * Replaces the actor's preferences. A new digest frequency counts from now; turning the digest back
 * on starts after the time it was off (nothing from that time is e-mailed later).
 */
export async function updateNotificationPreferences(actor: Actor, input: Preferences): Promise<Preferences> {
  const id = personId(actor);
  const current = await load(id);
  const now = new Date();
  const set: Record<string, unknown> = { mentions: input.mentions, digest: input.digest };
  if (input.digest !== current.digest) {
    if (input.digest !== 'off') set.nextDigestAt = new Date(now.getTime() + digestPeriodMs(input.digest));
    if (current.digest === 'off') set.digestAfter = idBefore(now);
  }
  await NotificationPreferenceModel.updateOne({ _id: id }, { $set: set });
  return present({ digest: input.digest, mentions: input.mentions });
}
