/**
 * My notification level per space (`GET|PUT /me/notification-preferences/spaces`): the spaces I take
 * part in now (direct conversations included, named by their slug), each with my level, and setting
 * one. A space I do not take part in is "not found", whether or not it exists.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SpaceNotificationSetting, SpaceNotificationSettings } from '../../../shared/schemas/myData.js';
import { NotificationPreferenceModel, type SpaceLevel } from '../../models/NotificationPreference.js';
import { SpaceModel } from '../../models/Space.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { ensurePreferences } from './notificationPreferences.js';
import { levelIn } from './spaceLevels.js';

type Setting = z.infer<typeof SpaceNotificationSetting>;

function requirePersonId(actor: Actor): string {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return actor.id;
}

/** The spaces the actor takes part in, by name, with the actor's level in each. */
export async function listSpaceNotificationSettings(
  actor: Actor,
): Promise<z.infer<typeof SpaceNotificationSettings>> {
  const id = requirePersonId(actor);
  const ctx = await loadSharingContext(actor);
  await ensurePreferences([id]);
  const [spaces, pref] = await Promise.all([
    SpaceModel.find({ _id: { $in: ctx.spaceIds } }, { slug: 1, name: 1, kind: 1 })
      .sort({ name: 1 })
      .lean(),
    NotificationPreferenceModel.findById(id, { spaces: 1 }).lean(),
  ]);
  return {
    items: spaces.map((s): Setting => ({
      space: s.slug,
      name: s.name,
      kind: s.kind,
      level: levelIn(pref, s._id),
    })),
  };
}

/** Sets the actor's level in one space they take part in; `all` removes the setting. */
export async function setSpaceNotificationLevel(
  actor: Actor,
  slug: string,
  level: SpaceLevel,
): Promise<Setting> {
  const id = requirePersonId(actor);
  const ctx = await loadSharingContext(actor);
  const space = await SpaceModel.findOne({ slug }, { slug: 1, name: 1, kind: 1 }).lean();
  if (!space || !ctx.spaceIds.includes(String(space._id))) throw new NotFoundError('Space');
  await ensurePreferences([id]);
  // One write of the whole list (FerretDB has no conditional $pull on sub-documents): the space's
  // entry replaced, or removed for `all`. A person's settings are theirs alone to race with.
  const pref = await NotificationPreferenceModel.findById(id, { spaces: 1 }).lean();
  const others = (pref?.spaces ?? []).filter((s) => String(s.spaceId) !== String(space._id));
  const spaces = level === 'all' ? others : [...others, { spaceId: space._id, level }];
  await NotificationPreferenceModel.updateOne({ _id: id }, { $set: { spaces } });
  return { space: space.slug, name: space.name, kind: space.kind, level };
}
