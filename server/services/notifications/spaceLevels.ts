/**
 * Per-space notification levels (mute, mentions only, everything), honoured by every channel: the
 * in-app notice is not stored at all (`notify`), and e-mail (digests, mention e-mail) leaves out what
 * the person's level says now, also for notices stored before they muted. Only activity is muted
 * (new material, mentions, replies): notices about one's own material (quarantine, relabel, deletion)
 * and moderators' flags are duties, not chatter, and always come.
 */
import {
  NotificationPreferenceModel,
  type NotificationPreferenceDoc,
  type SpaceLevel,
} from '../../models/NotificationPreference.js';

/** The suffixes of the activity kinds a space level governs. */
const ACTIVITY = ['.created', '.mentioned', '.replied'] as const;

/** Whether a notice of `kind` reaches someone at `level` in its space. */
export function hears(kind: string, level: SpaceLevel): boolean {
  if (level === 'all' || !ACTIVITY.some((suffix) => kind.endsWith(suffix))) return true;
  return level === 'mentions' && kind.endsWith('.mentioned');
}

/** A person's level in one space, from their stored preferences (`all` when unset). */
export function levelIn(
  pref: Pick<NotificationPreferenceDoc, 'spaces'> | null,
  spaceId: unknown,
): SpaceLevel {
  const found = (pref?.spaces ?? []).find((s) => String(s.spaceId) === String(spaceId));
  return (found?.level as SpaceLevel | undefined) ?? 'all';
}

/** Those of `personIds` who hear a notice of `kind` from the space `spaceId` now. */
export async function recipientsWhoHear(
  personIds: string[],
  spaceId: unknown,
  kind: string,
): Promise<string[]> {
  if (personIds.length === 0 || hears(kind, 'none')) return personIds;
  const prefs = await NotificationPreferenceModel.find({ _id: { $in: personIds } }, { spaces: 1 }).lean();
  const byId = new Map(prefs.map((p) => [String(p._id), p]));
  return personIds.filter((id) => hears(kind, levelIn(byId.get(id) ?? null, spaceId)));
}
