/**
 * The one domain-event bus. Services publish after their write is stored (`publish('message', e)`,
 * usually through the publishers kept next to them: emitContentEvent, emitMessageEvent, …); the
 * capabilities that follow up subscribe as named processors: socket fan-out (server/realtime.ts,
 * server/sockets/rooms.ts, server/sockets/roomDelivery.ts), room notifications
 * (services/notifications/roomNotifications.ts) and mention e-mail (notificationMail.ts).
 * DomainEventMap types every event: a payload that does not fit its name fails `tsc`.
 *
 * Two modes, chosen by the processor:
 * - `inline` (the default): called synchronously inside `publish`, in the order of subscription, so
 *   one processor sees the events in the order they were published (socket fan-out relies on it;
 *   roomDelivery keeps its own per-message queue for work that awaits). A processor that returns a
 *   promise is not awaited: the publisher never waits for it. Keep inline processors cheap (one
 *   emit, or async work that starts at once); anything heavy or per person goes `background`.
 * - `background`: queued on the follow-up queue of afterWrite.ts (bounded concurrency, started
 *   in publish order, outside the request's latency), for work that grows with the audience
 *   (notifications, e-mail).
 *
 * Failures never reach the publisher and never lose the write (it is stored before publish): a
 * processor that throws or rejects is counted (processorFailures), logged, and tried again in the
 * background with afterWrite's back-off, up to AFTER_WRITE_ATTEMPTS tries in all; other processors
 * still get the event. A retry may therefore repeat part of what a processor did: processors are
 * written to tolerate that (clients upsert by id) and must not change the payload, which every
 * processor shares. An unsubscribed processor gets no further events nor retries; background work
 * already queued still runs, and shutdown drains it (afterWritesSettled in server/main.ts).
 * Process-local: each event is processed on the node that stored the write.
 */
import type { NotificationDoc } from '../models/Notification.js';
import { afterWrite, afterWriteLogger } from './afterWrite.js';
import type {
  AccessEvent,
  ContentEvent,
  DocumentEvent,
  MembershipEvent,
  LibraryEvent,
  RequestEvent,
} from './contentEvents.js';
import type { MessageEvent, ReactionEvent, ReadEvent } from './roomEvents.js';

/** Which sessions ended: one session, or every session of a person. */
export type SessionsEnded = { sessionId: string } | { personId: string };

/** Every domain event: its name and its payload. */
export interface DomainEventMap {
  /** A post (or forum topic or reply) was written: server/events/contentEvents.ts. */
  content: ContentEvent;
  /** Someone joined or left a space explicitly. */
  membership: MembershipEvent;
  /** Someone's access changed without a membership event (roles, city or hub status). */
  access: AccessEvent;
  /** A room message was written: server/services/rooms/messageEvents.ts. */
  message: MessageEvent;
  /** A message's reactions changed. */
  reaction: ReactionEvent;
  /** A read marker moved forward. */
  read: ReadEvent;
  /** A document (or one of its versions) was written: server/events/contentEvents.ts. */
  document: DocumentEvent;
  /** An expert request was written or moved in its workflow: services/requests/. */
  request: RequestEvent;
  /** A library record was written, reviewed or published: services/library/. */
  library: LibraryEvent;
  /** Notifications were stored (never an empty list): services/notifications/notificationEvents.ts. */
  'notifications.stored': NotificationDoc[];
  /** Sessions ended (sign-out, suspension, expiry): server/auth/sessionEvents.ts. */
  'sessions.ended': SessionsEnded;
}

/** The name of a domain event. */
export type DomainEventName = keyof DomainEventMap;

/** A processor of one event: what it returns, if a promise, is watched for failure, never awaited. */
export type Processor<N extends DomainEventName> = (payload: DomainEventMap[N]) => unknown;

/** How a processor runs: see the module comment. */
export type ProcessorMode = 'inline' | 'background';

/** Options of a subscription. */
export interface SubscribeOptions {
  /** `inline` (default): in publish, in order; `background`: on the bounded follow-up queue. */
  mode?: ProcessorMode;
}

interface Registered {
  /** `<event>:<processor>`, in logs and failure counts. */
  key: string;
  handler: (payload: never) => unknown;
  mode: ProcessorMode;
  active: boolean;
}

const processors = new Map<DomainEventName, Registered[]>();
const failures = new Map<string, number>();

function countFailure(key: string): void {
  failures.set(key, (failures.get(key) ?? 0) + 1);
}

/** The failed tries so far, by `<event>:<processor>` (each try that threw or rejected counts once). */
export function processorFailures(): Record<string, number> {
  return Object.fromEntries(failures);
}

/** A try of `p`, as afterWrite runs it: skipped once the processor is unsubscribed. */
function retryOf<N extends DomainEventName>(p: Registered, payload: DomainEventMap[N]): () => unknown {
  return () => (p.active ? (p.handler as Processor<N>)(payload) : undefined);
}

function inlineFailed<N extends DomainEventName>(p: Registered, payload: DomainEventMap[N], error: unknown) {
  countFailure(p.key);
  afterWriteLogger()?.warn(
    { err: error, task: p.key, attempt: 1 },
    'event processor failed; retrying in the background',
  );
  afterWrite(p.key, retryOf(p, payload), { attemptsMade: 1, onFailure: () => countFailure(p.key) });
}

function runInline<N extends DomainEventName>(p: Registered, payload: DomainEventMap[N]): void {
  let result: unknown;
  try {
    result = (p.handler as Processor<N>)(payload);
  } catch (error) {
    inlineFailed(p, payload, error);
    return;
  }
  if (typeof (result as PromiseLike<unknown> | null)?.then === 'function')
    Promise.resolve(result).catch((error: unknown) => {
      if (p.active) inlineFailed(p, payload, error);
    });
}

/**
 * Publishes an event, after its write is stored: inline processors run now, in subscription order,
 * background ones are queued. Never throws because of a processor.
 */
export function publish<N extends DomainEventName>(name: N, payload: DomainEventMap[N]): void {
  const list = processors.get(name);
  if (!list) return;
  for (const p of [...list]) {
    if (!p.active) continue;
    if (p.mode === 'background')
      afterWrite(p.key, retryOf(p, payload), { onFailure: () => countFailure(p.key) });
    else runInline(p, payload);
  }
}

/**
 * Subscribes a named processor to one event (`processor` names it in logs and failure counts);
 * returns the function that unsubscribes it.
 */
export function subscribe<N extends DomainEventName>(
  name: N,
  processor: string,
  handler: Processor<N>,
  options: SubscribeOptions = {},
): () => void {
  const registered: Registered = {
    key: `${name}:${processor}`,
    handler: handler as (payload: never) => unknown,
    mode: options.mode ?? 'inline',
    active: true,
  };
  processors.set(name, [...(processors.get(name) ?? []), registered]);
  return () => {
    registered.active = false;
    const rest = (processors.get(name) ?? []).filter((p) => p !== registered);
    if (rest.length > 0) processors.set(name, rest);
    else processors.delete(name);
  };
}
