/**
 * Delivers stored notifications to their recipients' open sockets (`notification:created` in the
 * `person:<id>` room), each rendered for that person through the policy now: a notification whose item
 * the person may not read shows nothing and is not sent; AMBER and above carry no text.
 */
import type { NotificationDelivery } from '../../shared/events.js';
import type { NotificationDoc } from '../models/Notification.js';
import { loadSharingContext } from '../policy/loadSharingContext.js';
import { isModerationKind } from '../services/notifications/notificationBody.js';
import {
  resolveNotifications,
  type ResolvedNotification,
} from '../services/notifications/resolveNotifications.js';
import { loadActivePersonActors } from '../policy/personActor.js';
import type { OnlineFilter } from './broadcastCandidates.js';

/** The longest excerpt of a body sent when an item has no title. */
const EXCERPT_CHARS = 140;

/** Sends one delivery to one person's room. */
export type NotificationSender = (personId: string, delivery: NotificationDelivery) => void;

/** The socket payload of a resolved notification, or null when it shows nothing. */
export function notificationDelivery(r: ResolvedNotification): NotificationDelivery | null {
  if (!r.body) return null;
  let text: string | null = null;
  if (isModerationKind(r.doc.kind)) text = r.body.text;
  else if (r.body.title !== undefined) text = r.body.title;
  else if (r.body.body !== undefined)
    text = r.body.body.length > EXCERPT_CHARS ? `${r.body.body.slice(0, EXCERPT_CHARS - 1)}…` : r.body.body;
  return {
    id: String(r.doc._id),
    kind: r.doc.kind,
    space: { id: r.space.id, name: r.space.name },
    text,
    link: r.link,
    createdAt: r.doc.createdAt.toISOString(),
    ...(r.body.notice ? { notice: r.body.notice } : {}),
  };
}

/**
 * Renders and sends the notifications; returns how many deliveries were sent. With `online`, only
 * recipients with an open socket are rendered for (a fan-out to thousands loads no one offline).
 */
export async function deliverNotifications(
  send: NotificationSender,
  docs: NotificationDoc[],
  online?: OnlineFilter,
): Promise<number> {
  const byRecipient = new Map<string, NotificationDoc[]>();
  for (const doc of docs) {
    const id = String(doc.recipientId);
    byRecipient.set(id, [...(byRecipient.get(id) ?? []), doc]);
  }
  const recipients = [...byRecipient.keys()];
  const actors = await loadActivePersonActors(online ? await online(recipients) : recipients);
  // Everything is rendered before anything is sent: a failure sends nothing, so the bus's retry
  // never shows anyone the same notification twice.
  const ready: [string, NotificationDelivery][] = [];
  for (const actor of actors) {
    const ctx = await loadSharingContext(actor);
    for (const resolved of await resolveNotifications(ctx, byRecipient.get(actor.id) ?? [])) {
      const delivery = notificationDelivery(resolved);
      if (delivery) ready.push([actor.id, delivery]);
    }
  }
  for (const [id, delivery] of ready) send(id, delivery);
  return ready.length;
}
