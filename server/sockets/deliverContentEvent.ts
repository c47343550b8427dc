/**
 * The whole road from a content event to open sockets, for the real-time layer to subscribe:
 * `subscribe('content', 'socket content delivery', (e) => deliverContentEvent(io, e))`. Loads the
 * item and the candidates fresh, lets the broadcaster decide, and records each socket delivery of
 * AMBER+STRICT or RED content as a view in the audit log, as REST views are.
 */
import { isAccessAudited, type Label } from '../../shared/policy/labels.js';
import { asLabel } from '../../shared/policy/content.js';
import { recordAudit } from '../audit/recordAudit.js';
import type { ContentEvent } from '../events/contentEvents.js';
import { afterWrite } from '../events/afterWrite.js';
import { loadContent } from '../policy/contentAccess.js';
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { broadcast, type Delivery, type RoomEmitter } from './broadcast.js';
import { broadcastCandidates, type OnlineFilter } from './broadcastCandidates.js';

/**
 * The event as it stands now: its `after` is the item as stored at this moment (a retry, or a delivery
 * that ran after a later quarantine, raise or deletion, must never re-send what that change removed:
 * those who could read the old version but not the stored one get `post:removed`).
 */
async function asStoredNow(event: ContentEvent): Promise<ContentEvent> {
  const stored = await loadContent(String(event.after._id));
  return { ...event, after: stored ?? { ...event.after, state: 'deleted' } };
}

/** Records each socket delivery of AMBER+STRICT or RED content as a view, as REST views are. */
async function auditViews(deliveries: Delivery[], candidates: SharingContext[], label: Label): Promise<void> {
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

/**
 * Delivers one event (to those `online` keeps, when given), decided on the item as stored now, and
 * returns what was sent. The view audit runs as its own follow-up, so its failure is retried alone
 * and never sends the item again.
 */
export async function deliverContentEvent(
  io: RoomEmitter,
  published: ContentEvent,
  online?: OnlineFilter,
): Promise<Delivery[]> {
  const event = await asStoredNow(published);
  const candidates = await broadcastCandidates(event, online);
  const deliveries = broadcast(io, event, candidates);
  const label = asLabel(event.after.label);
  if (isAccessAudited(label) && deliveries.some((d) => d.event !== 'post:removed'))
    afterWrite('socket view audit', () => auditViews(deliveries, candidates, label));
  return deliveries;
}
