/**
 * The broadcaster: turns a content event into per-person deliveries decided by the sharing policy,
 * and emits them only to per-person rooms (`person:<id>`), never to a room that could hold someone
 * without the right to the content. A candidate who may read the item after the change gets the
 * content; one who could read it before but not now gets `post:removed {id}`; anyone else nothing.
 * Pure apart from the final emit, so the recipient computation is tested without sockets.
 */
import type { PostDelivery } from '../../shared/events.js';
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { canShare } from '../policy/sharingAccess.js';
import type { ContentEvent } from '../events/contentEvents.js';
import type { PostDoc } from '../models/Post.js';

/** What a Socket.IO server offers that the broadcaster uses. */
export interface RoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): void };
}

/** The payload of a content delivery (defined with the typed events, for clients). */
export type PostPayload = PostDelivery;

/** One delivery to one person. */
export type Delivery =
  | { personId: string; event: 'post:created' | 'post:updated'; payload: PostPayload }
  | { personId: string; event: 'post:removed'; payload: { id: string } };

/** The room of one person. */
export function personRoom(personId: string): string {
  return `person:${personId}`;
}

function readable(ctx: SharingContext, item: PostDoc | null): boolean {
  if (!item) return false;
  return canShare(ctx, 'read', 'Post', item as unknown as Record<string, unknown>);
}

function payloadOf(item: PostDoc): PostPayload {
  return {
    id: String(item._id),
    space: String(item.spaceId),
    label: item.label,
    title: item.title,
    body: item.body,
    state: item.state,
    topicId: item.topicId ? String(item.topicId) : null,
    categoryId: item.categoryId ? String(item.categoryId) : null,
  };
}

/**
 * The deliveries of an event to candidates (each with their sharing context, loaded fresh for the
 * event so permission changes count at once). Authorship is not sent: clients fetch the item.
 */
export function computeDeliveries(event: ContentEvent, candidates: SharingContext[]): Delivery[] {
  const deliveries: Delivery[] = [];
  const id = String(event.after._id);
  for (const ctx of candidates) {
    if (ctx.actor.kind !== 'person') continue;
    const personId = ctx.actor.id;
    const after = readable(ctx, event.after);
    const before = readable(ctx, event.before);
    if (after) {
      deliveries.push({
        personId,
        event: event.type === 'created' || !before ? 'post:created' : 'post:updated',
        payload: payloadOf(event.after),
      });
    } else if (before) {
      deliveries.push({ personId, event: 'post:removed', payload: { id } });
    }
  }
  return deliveries;
}

/** Emits the deliveries, each to its person's room only. */
export function emitDeliveries(io: RoomEmitter, deliveries: Delivery[]): void {
  for (const d of deliveries) io.to(personRoom(d.personId)).emit(d.event, d.payload);
}

/** Computes and emits; returns what was sent. */
export function broadcast(io: RoomEmitter, event: ContentEvent, candidates: SharingContext[]): Delivery[] {
  const deliveries = computeDeliveries(event, candidates);
  emitDeliveries(io, deliveries);
  return deliveries;
}
