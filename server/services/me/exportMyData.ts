/**
 * A person's own data export (SHARING.md, "Leaving the platform" and "Readings settled"): their
 * profile, their explicit space memberships, everything they wrote themselves (posts and room
 * messages, at any label, each marked with its label, also in spaces they have left; quarantined and
 * deleted items stay out), and their notifications rendered as any notification is (bodies only for
 * CLEAR and GREEN material they may read now). Never other people's AMBER and above.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageDoc } from '../../models/Message.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { findContentPage } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';
import type { StoredPage } from '../../db/pagination.js';
import { citySlugsById } from '../lookups.js';
import { renderNotifications } from '../notifications/listNotifications.js';
import { presentPosts } from '../posts/presentPost.js';
import { presentPerson } from '../presenters.js';
import { spacesById } from '../spaces/spaceLookups.js';

const MAX_PAGES = 20;

/** The export's file name: says what it is and when it was made, `concordia-my-data-2026-12-04.json`. */
export function exportFileName(exportedAt: string): string {
  return `concordia-my-data-${exportedAt.slice(0, 10)}.json`;
}

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
    const presented = await presentPosts(ctx, page.items, 'leaves_space');
    // A forum reply's title is "Re: <topic title>": the topic's words, maybe someone else's; left out.
    posts.push(...presented.map((p, i) => (page.items[i]?.topicId ? { ...p, title: '' } : p)));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const messages: MessageDoc[] = [];
  cursor = undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: StoredPage<MessageDoc> = await findContentPage(ctx, {
      type: 'Message',
      action: 'export',
      filters: [{ authorId: actor.id }],
      sortField: '_id',
      limit: 100,
      cursor,
    });
    messages.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const rooms = await spacesById(messages.map((m) => m.spaceId));
  const memberships = await SpaceMembershipModel.find({ personId: actor.id }).lean();
  const spaces = await spacesById(memberships.map((m) => m.spaceId));
  const notifications = (await NotificationModel.find({ recipientId: actor.id })
    .sort({ _id: 1 })
    .limit(1000)
    .lean()) as NotificationDoc[];
  return {
    exportedAt: new Date().toISOString(),
    note: 'Everything you wrote, at any label (each item says its label: keep AMBER and above to the people it was shared with); of other people, only what your notifications show.',
    profile: presentPerson(person, actor, await citySlugsById(actor, [person.cityId])),
    memberships: memberships.map((m) => ({
      space: spaces.get(String(m.spaceId))?.slug ?? 'unknown',
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    })),
    posts,
    messages: messages.map((m) => ({
      id: String(m._id),
      room: rooms.get(String(m.spaceId))?.slug ?? 'unknown',
      threadId: m.threadId ? String(m.threadId) : null,
      label: m.label,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    notifications: await renderNotifications(ctx, notifications),
  };
}
