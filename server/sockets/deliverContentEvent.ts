/**
 * The whole road from a content event to open sockets, for the real-time layer to subscribe:
 * `contentEvents.on('content', (e) => void deliverContentEvent(io, e))`. Loads the candidates fresh,
 * lets the broadcaster decide, and records each socket delivery of AMBER+STRICT or RED content as a
 * view in the audit log, as REST views are.
 */
import { ACCESS_AUDITED } from '../../shared/policy/labels.js';
import { asLabel } from '../../shared/policy/content.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { ContentEvent } from '../events/contentEvents.js';
import { broadcast, type Delivery, type RoomEmitter } from './broadcast.js';
import { broadcastCandidates } from './broadcastCandidates.js';

/** Delivers one event and returns what was sent. */
export async function deliverContentEvent(io: RoomEmitter, event: ContentEvent): Promise<Delivery[]> {
  const candidates = await broadcastCandidates(event);
  const deliveries = broadcast(io, event, candidates);
  const label = asLabel(event.after.label);
  if (ACCESS_AUDITED.includes(label)) {
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
