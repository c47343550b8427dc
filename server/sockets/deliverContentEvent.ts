/**
 * The whole road from a content event to open sockets, for the real-time layer to subscribe:
 * `subscribe('content', 'socket content delivery', (e) => deliverContentEvent(io, e))`. Loads the
 * candidates fresh, lets the broadcaster decide, and records each socket delivery of AMBER+STRICT or
 * RED content as a view in the audit log, as REST views are.
 */
import { isAccessAudited } from '../../shared/policy/labels.js';
import { asLabel } from '../../shared/policy/content.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { ContentEvent } from '../events/contentEvents.js';
import { broadcast, type Delivery, type RoomEmitter } from './broadcast.js';
import { broadcastCandidates, type OnlineFilter } from './broadcastCandidates.js';

/** Delivers one event (to those `online` keeps, when given) and returns what was sent. */
export async function deliverContentEvent(
  io: RoomEmitter,
  event: ContentEvent,
  online?: OnlineFilter,
): Promise<Delivery[]> {
  const candidates = await broadcastCandidates(event, online);
  const deliveries = broadcast(io, event, candidates);
  const label = asLabel(event.after.label);
  if (isAccessAudited(label)) {
    for (const d of deliveries) {
      if (d.event === 'post:removed') continue;
      const ctx = candidates.find((c) => c.actor.kind === 'person' && c.actor.id === d.personId);
      if (ctx)
        await recordAudit(
          ctx.actor,
          'content.viewed',
          { type: 'Post', id: d.payload.id, label },
          { channel: 'socket' },
        );
    }
  }
  return deliveries;
}
