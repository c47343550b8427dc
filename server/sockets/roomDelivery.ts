/**
 * Fan-out of room events to sockets. Labels every member may read (up to AMBER+STRICT) go in ONE emit
 * to `room:<id>`, whose sockets were authorised at `room:join` and leave at once when they may no
 * longer take part; RED goes only to the audience snapshot's sockets in the room
 * (`room:<id>:<person>`), never to the room. The payload is computed once per event.
 *
 * Audit of AMBER+STRICT and RED deliveries: one `content.delivered` entry per delivered message,
 * listing the people whose sockets were in the target rooms, written after the emit (off the hot
 * path: no per-recipient work before delivery).
 *
 * Inline processors of the domain-event bus (server/events/domainEvents.ts): called in publish order.
 * A failed delivery is logged and retried by the bus; a retry of a change re-reads the message as
 * stored then, so it never shows again what a later event removed.
 */
import type { Namespace } from 'socket.io';
import type { ServerToClientEvents } from '../../shared/events.js';
import { asLabel } from '../../shared/policy/content.js';
import { hasNamedAudience, isAccessAudited } from '../../shared/policy/labels.js';
import { recordAudit } from '../audit/recordAudit.js';
import { loadContent, loadMessagesCarrying } from '../policy/contentAccess.js';
import type { DocumentEvent } from '../events/contentEvents.js';
import type { MessageDoc } from '../models/Message.js';
import { subscribe } from '../events/domainEvents.js';
import type { MessageEvent, ReactionEvent, ReadEvent } from '../services/rooms/messageEvents.js';
import {
  hasReplies,
  presentMessage,
  roomWideAttachments,
  threadCounts,
} from '../services/rooms/presentMessage.js';
import { memberChannel, roomChannel } from '../services/rooms/roomAccess.js';

/** The Socket.IO rooms a message may reach: the room, or the RED audience's sockets in it. */
export function messageTargets(message: Pick<MessageDoc, 'spaceId' | 'label' | 'audienceIds'>): string[] {
  const roomId = String(message.spaceId);
  if (!hasNamedAudience(asLabel(message.label))) return [roomChannel(roomId)];
  return message.audienceIds.map((id) => memberChannel(roomId, String(id)));
}

const REALTIME_ACTOR = { kind: 'operator', name: 'realtime delivery' } as const;

/** Subscribes the namespace to room events; returns the unsubscribe function. */
export function deliverRoomEvents(nsp: Namespace): () => void {
  const emit = <E extends keyof ServerToClientEvents>(
    targets: string[],
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ) => {
    if (targets.length === 0) return;
    nsp.to(targets).emit(event, ...payload);
  };

  const audit = async (message: MessageDoc, targets: string[]) => {
    const label = asLabel(message.label);
    if (!isAccessAudited(label) || targets.length === 0) return;
    const sockets = await nsp.in(targets).fetchSockets();
    const recipients = [...new Set(sockets.map((s) => (s.data as { personId: string }).personId))];
    if (recipients.length === 0) return;
    await recordAudit(
      REALTIME_ACTOR,
      'content.delivered',
      { type: 'Message', id: String(message._id), label },
      { channel: 'socket', recipients },
    );
  };

  /**
   * `message:updated` to `targets`. A thread root's reply count is each reader's own: people named by
   * a RED reply's audience get their count in their own `room:<id>:<person>` channel, everyone else
   * the shared count (one emit, `except` those channels).
   */
  const emitUpdated = async (targets: string[], message: MessageDoc): Promise<void> => {
    const files = await roomWideAttachments(message);
    if (!hasReplies(message)) return emit(targets, 'message:updated', presentMessage(message, [], 0, files));
    const roomId = String(message.spaceId);
    const counts = await threadCounts(message);
    const own = [...counts.byPerson.keys()].map((id) => memberChannel(roomId, id));
    if (targets.length > 0)
      nsp
        .to(targets)
        .except(own)
        .emit('message:updated', presentMessage(message, [], counts.shared, files));
    const byCount = new Map<number, string[]>();
    for (const [id, n] of counts.byPerson)
      byCount.set(n, [...(byCount.get(n) ?? []), memberChannel(roomId, id)]);
    const inTargets = new Set(targets);
    const isRoomWide = targets.includes(roomChannel(roomId));
    for (const [n, channels] of byCount) {
      const reached = isRoomWide ? channels : channels.filter((c) => inTargets.has(c));
      emit(reached, 'message:updated', presentMessage(message, [], n, files));
    }
  };

  /**
   * Per message, the emits still waiting (a thread root's update waits on its count query): later
   * events of the same message wait behind them, so a removal never overtakes an earlier update and
   * no screen shows again what it just lost. Events of other messages never wait. Returns the task's
   * own outcome, for the bus to log and retry a failure; the queue goes on either way.
   */
  const pending = new Map<string, Promise<void>>();
  const inOrder = (id: string, task: () => void | Promise<void>): void | Promise<void> => {
    const before = pending.get(id);
    const started = before ? before.then(task) : task();
    if (!(started instanceof Promise)) return;
    const settled: Promise<void> = started
      .catch(() => undefined)
      .then(() => {
        if (pending.get(id) === settled) pending.delete(id);
      });
    pending.set(id, settled);
    return started;
  };

  const deliver = (event: MessageEvent): void | Promise<void> => {
    const { after } = event;
    if (event.type !== 'created') return deliverChange(event);
    if ((after.attachmentIds?.length ?? 0) > 0)
      return inOrder(String(after._id), () => deliverWithFiles(after));
    // The hot path: one emit of a payload computed once. A message hidden at once (a reply whose
    // thread was quarantined meanwhile) is never announced (sendMessage does not emit it).
    try {
      emit(messageTargets(after), 'message:created', presentMessage(after));
    } catch {
      // Never retried from the event's snapshot (a quarantine may have passed since): sent again
      // only as stored now, and only if still visible; clients that still miss it catch up on rejoin.
      return redeliverCreated(after);
    }
  };
  /**
   * A new message with files: sent with the files every reader of it may open (the others reach each
   * reader with the room's history), as stored now, and only if still visible.
   */
  const deliverWithFiles = async (message: MessageDoc): Promise<void> => {
    const stored = await loadContent(String(message._id), 'Message');
    if (!stored || stored.state !== 'visible' || stored.topicHidden === true) return;
    emit(
      messageTargets(stored),
      'message:created',
      presentMessage(stored, [], 0, await roomWideAttachments(stored)),
    );
  };
  /** A new message sent once more as stored now, if it is still visible; never throws. */
  const redeliverCreated = async (message: MessageDoc): Promise<void> => {
    const stored = await loadContent(String(message._id), 'Message').catch(() => null);
    if (!stored || stored.state !== 'visible' || stored.topicHidden === true) return;
    try {
      emit(messageTargets(stored), 'message:created', presentMessage(stored));
    } catch {
      // Left to the rejoin's missed messages.
    }
  };
  /** The audit of a new message's delivery: its own processor, right after the emit (see below). */
  const auditCreated = (event: MessageEvent): Promise<void> | undefined =>
    event.type === 'created' ? audit(event.after, messageTargets(event.after)) : undefined;

  /**
   * A change: what is sent is the message as stored NOW (an event may carry a snapshot read just
   * before a concurrent quarantine, deletion or raise), and a message hidden now is only ever
   * removed — from every socket that may have it under its former, reported or present label.
   */
  const deliverChange = async (event: MessageEvent): Promise<void> => {
    const id = String(event.after._id);
    const roomId = String(event.after.spaceId);
    // Where the event says the message was and is (its former and reported labels).
    const reported = [...(event.before ? messageTargets(event.before) : []), ...messageTargets(event.after)];
    const stored = await loadContent(id, 'Message').catch((error: unknown) => {
      // While the store cannot say, the safe side: a deletion or quarantine leaves every socket that
      // may have the message at once; the bus's retry reads again (and sends it back if visible).
      if (event.type === 'deleted' || event.type === 'quarantined')
        emit([...new Set(reported)], 'message:removed', { id, roomId });
      throw error;
    });
    const now = stored ?? event.after;
    const hidden = !stored || now.state !== 'visible' || now.topicHidden === true;
    const targets = messageTargets(now);
    const former = reported.filter((t) => !targets.includes(t));
    // Decided by the stored state, not the event's type: a quarantine that a concurrent write undid
    // (FerretDB 1.x, docs/ARCHITECTURE.md) or a restore that followed it leaves the message shown.
    if (hidden) {
      emit([...new Set([...targets, ...former])], 'message:removed', { id, roomId });
      return;
    }
    // Sockets that had it under another label and are not among the present targets (a raise to
    // RED: the room minus the audience) drop it at once; readers under the present label get it.
    if (former.length > 0)
      nsp
        .to([...new Set(former)])
        .except(targets)
        .emit('message:removed', { id, roomId });
    await emitUpdated(targets, now);
    await audit(now, targets);
  };
  const onMessage = (event: MessageEvent) => inOrder(String(event.after._id), () => deliver(event));
  const onReaction = (event: ReactionEvent) => {
    emit(messageTargets(event.message), 'reaction:updated', {
      roomId: String(event.message.spaceId),
      messageId: String(event.message._id),
      reactions: event.reactions,
    });
  };
  const onRead = (event: ReadEvent) => {
    emit(messageTargets(event.message), 'read:updated', {
      roomId: String(event.message.spaceId),
      personId: event.personId,
      messageId: String(event.message._id),
    });
  };
  /**
   * A document changed (quarantined, restored, deleted, relabelled): the open screens of the messages
   * that carry it get them again as stored now, with the files their readers may still open.
   */
  const onDocument = async (event: DocumentEvent): Promise<void> => {
    if (!['quarantined', 'restored', 'deleted', 'relabelled'].includes(event.type)) return;
    for (const message of await loadMessagesCarrying(event.after._id))
      void inOrder(String(message._id), () =>
        deliverChange({ type: 'updated', before: message, after: message, mentionIds: [] }),
      );
  };
  const offs = [
    subscribe('message', 'socket room delivery', onMessage),
    subscribe('document', 'socket room files', onDocument),
    // After the delivery (subscription order), so it finds the sockets the message just reached; a
    // failed audit is retried alone, without sending the message again.
    subscribe('message', 'socket delivery audit', auditCreated),
    subscribe('reaction', 'socket room delivery', onReaction),
    subscribe('read', 'socket room delivery', onRead),
  ];
  return () => {
    for (const off of offs) off();
  };
}
