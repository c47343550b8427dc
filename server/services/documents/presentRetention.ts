/**
 * A document's retention as its page shows it (`retention` of the Document schema): when its label's
 * period ends ("kept until"), when it will be deleted once that has passed, and a moderator's hold
 * with its reason. Reckoned as the hourly sweep reckons it (retentionPeriod.ts), from the current
 * label and newest version, so a relabel or a new version shows at once.
 */
import type { DocumentDoc } from '../../models/Document.js';
import { newestStoredAt, reckonRetention, retentionSettings } from './retentionPeriod.js';

/** The presented retention of one document. */
export interface RetentionView {
  expiresAt: string | null;
  purgeAt: string | null;
  held: { reason: string; at: string } | null;
}

/** Presents `item`'s retention; `versions` are its stored versions (any order). */
export function presentRetention(
  item: DocumentDoc,
  versions: { createdAt: Date }[],
  now = new Date(),
): RetentionView {
  if (item.state === 'deleted') return { expiresAt: null, purgeAt: null, held: null };
  const reckoned = reckonRetention(retentionSettings(), item, newestStoredAt(versions, item.createdAt), now);
  const held = item.retention?.held;
  return {
    expiresAt: reckoned.expiresAt?.toISOString() ?? null,
    purgeAt: reckoned.purgeAt?.toISOString() ?? null,
    held: held ? { reason: held.reason, at: held.at.toISOString() } : null,
  };
}
