/**
 * A person's own data export (SHARING.md, "Leaving the platform"): their profile, their explicit
 * space memberships, their own posts that they may onward-share outside the platform (CLEAR and
 * GREEN, visible), and their notifications rendered as any notification is. Everything else is left
 * out; the export says so.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { findContentPage } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../errors.js';
import { citySlugsById } from '../lookups.js';
import { renderNotifications } from '../notifications/listNotifications.js';
import { presentPosts } from '../posts/presentPost.js';
import { presentPerson } from '../presenters.js';
import { spacesById } from '../spaces/spaceLookups.js';

const MAX_PAGES = 20;

/** Builds the export. */
export async function exportMyData(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const person = await PersonModel.findById(actor.id).lean();
  if (!person) throw new UnauthenticatedError();
  const posts = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await findContentPage(ctx, {
      action: 'export',
      filters: [{ authorId: actor.id }],
      sortField: '_id',
      limit: 100,
      cursor,
    });
    posts.push(...(await presentPosts(ctx, page.items, 'leaves_space')));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const memberships = await SpaceMembershipModel.find({ personId: actor.id }).lean();
  const spaces = await spacesById(memberships.map((m) => m.spaceId));
  const notifications = (await NotificationModel.find({ recipientId: actor.id })
    .sort({ _id: 1 })
    .limit(1000)
    .lean()) as NotificationDoc[];
  return {
    exportedAt: new Date().toISOString(),
    note: 'Only material you may share onward outside the platform (CLEAR and GREEN) is included.',
    profile: presentPerson(person, actor, await citySlugsById(actor, [person.cityId])),
    memberships: memberships.map((m) => ({
      space: spaces.get(String(m.spaceId))?.slug ?? 'unknown',
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    })),
    posts,
    notifications: await renderNotifications(ctx, notifications),
  };
}
