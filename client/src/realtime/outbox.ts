/**
 * The outbox of unacknowledged messages: every send gets a client id (crypto.randomUUID()) and stays
 * here until the server's ack says it is stored. Sends go one at a time in the order they were
 * written; when the link is down or the answer is lost they wait and go again with the SAME client
 * id when the socket is back, so the server stores each message once (never lost, never
 * duplicated). Refusals (too large, above the ceiling, forbidden...) stay visible until retried or
 * discarded. Kept in memory only: bodies of labelled material are never written to the device.
 */
import type { MessageDelivery } from '../../../shared/events.js';
import type { Label } from '../../../shared/policy/labels.js';
import { connectionState, onConnectionState, onSocketClosed, request, TIMEOUT_CODE } from './socket.js';

/** Where an unacknowledged message stands. */
export type OutboxStatus = 'sending' | 'waiting' | 'failed';

/** A message written here and not yet acknowledged by the server. */
export interface OutboxItem {
  clientId: string;
  roomId: string;
  threadId: string | null;
  body: string;
  label: Label;
  /** Ids of the documents the message carries (uploaded from the composer). */
  attachments?: string[];
  createdAt: string;
  status: OutboxStatus;
  /**
   * Why the last attempt failed (the ack's error: code and message, and the specific reason with its
   * params when the server gives one, for errors/refusal.ts), else null.
   */
  error: { code: string; message: string; reason?: string; params?: Record<string, string | number> } | null;
}

/** What a new send needs. */
export interface OutboxSend {
  roomId: string;
  threadId: string | null;
  body: string;
  label: Label;
  attachments?: string[];
}

/** Ack codes worth trying again by themselves: the network, a busy server, flood control. */
const TRANSIENT = new Set([TIMEOUT_CODE, 'unavailable', 'rate_limited']);
const MAX_BACKOFF_MS = 30_000;

let items: readonly OutboxItem[] = [];
const listeners = new Set<() => void>();
const deliveredListeners = new Set<(message: MessageDelivery) => void>();
let pumping = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let backoffMs = 1_000;

function publish(next: readonly OutboxItem[]): void {
  items = next;
  for (const listener of listeners) listener();
}

function update(clientId: string, change: Partial<OutboxItem>): void {
  publish(items.map((item) => (item.clientId === clientId ? { ...item, ...change } : item)));
}

function remove(clientId: string): void {
  if (items.some((item) => item.clientId === clientId)) {
    publish(items.filter((item) => item.clientId !== clientId));
  }
}

function scheduleRetry(delayMs: number): void {
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void pump();
  }, delayMs);
}

/** Sends the waiting items in order until one must wait for the link or the server. */
async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  try {
    for (;;) {
      const next = items.find((item) => item.status !== 'failed');
      if (!next || connectionState() !== 'connected') return;
      update(next.clientId, { status: 'sending' });
      const ack = await request('message:send', {
        roomId: next.roomId,
        clientId: next.clientId,
        body: next.body,
        label: next.label,
        ...(next.threadId ? { threadId: next.threadId } : {}),
        ...(next.attachments && next.attachments.length > 0 ? { attachments: next.attachments } : {}),
      });
      if (!items.some((item) => item.clientId === next.clientId)) continue; // settled meanwhile
      if (ack.ok) {
        backoffMs = 1_000;
        remove(next.clientId);
        for (const listener of deliveredListeners) listener(ack.data);
      } else if (TRANSIENT.has(ack.error.code)) {
        // Keep the order: this one goes first again, after a pause (or at once on reconnect).
        update(next.clientId, { status: 'waiting', error: ack.error });
        scheduleRetry(ack.error.code === 'rate_limited' ? Math.max(backoffMs, 5_000) : backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        return;
      } else {
        update(next.clientId, { status: 'failed', error: ack.error });
      }
    }
  } finally {
    pumping = false;
  }
}

onConnectionState(() => {
  if (connectionState() === 'connected') {
    backoffMs = 1_000;
    void pump();
  } else {
    publish(items.map((item) => (item.status === 'sending' ? { ...item, status: 'waiting' } : item)));
  }
});
onSocketClosed(() => publish([]));

/** Adds a message to the outbox and starts sending it; returns its client id. */
export function enqueueMessage(send: OutboxSend): string {
  const clientId = crypto.randomUUID();
  publish([
    ...items,
    { ...send, clientId, createdAt: new Date().toISOString(), status: 'waiting', error: null },
  ]);
  void pump();
  return clientId;
}

/** Tries a refused or waiting message again, with the same client id. */
export function retryMessage(clientId: string): void {
  update(clientId, { status: 'waiting', error: null });
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
  void pump();
}

/** Gives up on a message that was not stored. */
export function discardMessage(clientId: string): void {
  remove(clientId);
}

/**
 * The server announced a stored message with this client id (its ack may have been lost): it is no
 * longer pending.
 */
export function settleMessage(clientId: string): void {
  remove(clientId);
}

/** The items now (a new array after every change, for useSyncExternalStore). */
export function outboxItems(): readonly OutboxItem[] {
  return items;
}

/** Calls `listener` after every change of the outbox; returns the unsubscribe function. */
export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` with each message the server acknowledged; returns the unsubscribe function. */
export function onMessageAcknowledged(listener: (message: MessageDelivery) => void): () => void {
  deliveredListeners.add(listener);
  return () => deliveredListeners.delete(listener);
}

/** True while messages wait for the server (to warn before the page is left). */
export function hasUnsentMessages(): boolean {
  return items.length > 0;
}

window.addEventListener('beforeunload', (event) => {
  if (hasUnsentMessages()) event.preventDefault();
});
