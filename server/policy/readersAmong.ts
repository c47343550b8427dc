/**
 * Who among some people may read an item now, for notifications to many people at once (a forum
 * reply's subscribers): decided by the policy itself, not re-implemented, and without loading each
 * person's sharing context. Reading labelled content depends only on whether a person takes part in
 * the item's space and on whether its RED audience names them (shared/policy/content.ts,
 * `readableForms`), so three probe contexts answer for everyone: a member named by the audience, a
 * member not named, and a non-member. Membership comes from `currentMemberIds`, which a test keeps in
 * agreement with the policy's participation rules. Cost: a few queries, whatever the number of people.
 */
import type { ContentType } from '../../shared/policy/content.js';
import { SpaceModel } from '../models/Space.js';
import { allows } from './authorizer.js';
import { loadActivePersonActors } from './personActor.js';
import { PROBE_ID, probeContext } from './probeContext.js';
import { currentMemberIds } from './spaceMembers.js';

/** The policy fields of an item that reading depends on. */
export interface ReadableItem {
  _id: unknown;
  spaceId: unknown;
  label: string;
  audienceIds: unknown[];
  state: string;
  published?: boolean | null;
  topicHidden?: boolean | null;
  authorId: unknown;
}

const probe = probeContext;

/**
 * The item's space and its current members, when the caller has read them already (the readers of
 * several items of one space, decided together): saves the two reads below.
 */
export interface KnownMembers {
  space: Parameters<typeof currentMemberIds>[0];
  memberIds: ReadonlySet<string>;
}

/** The ids among `ids` of active people who may read `item` now. */
export async function readersAmong(
  type: ContentType,
  item: ReadableItem,
  ids: string[],
  known?: KnownMembers,
): Promise<string[]> {
  const distinct = [...new Set(ids.map(String))];
  if (distinct.length === 0) return [];
  const space =
    known?.space ??
    (await SpaceModel.findById(item.spaceId, {
      kind: 1,
      hubId: 1,
      cityId: 1,
      leadersOnly: 1,
    }).lean());
  const spaceId = String(item.spaceId);
  const subject = (audience: string[]) => ({
    ...item,
    _id: String(item._id),
    spaceId,
    authorId: String(item.authorId),
    audienceIds: audience,
  });
  const memberNamed = allows(probe([spaceId]), 'read', type, subject([PROBE_ID]));
  const memberUnnamed = allows(probe([spaceId]), 'read', type, subject([]));
  const outsider = allows(probe([]), 'read', type, subject([PROBE_ID]));
  if (outsider) return (await loadActivePersonActors(distinct)).map((a) => a.id);
  if (!space || (!memberNamed && !memberUnnamed)) return [];
  const members = known?.memberIds ?? new Set(await currentMemberIds(space, distinct));
  const named = new Set(item.audienceIds.map(String));
  return distinct.filter((id) => members.has(id) && (named.has(id) ? memberNamed : memberUnnamed));
}
