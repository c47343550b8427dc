/**
 * The socket adapter's one road from an event to a service and back: the payload must be a plain
 * object and is parsed with a strict zod schema; the actor comes from the socket; errors become the
 * one ack shape `{ ok: false, error: { code, message, field? } }`. A missing or non-function ack, a
 * non-object payload, prototype keys or a throwing service never crash the socket or the process.
 */
import { ZodError, type z } from 'zod';
import type {
  Ack,
  AckErrorCode,
  ClientEventAcks,
  ClientEventName,
  ClientEventSchemas,
} from '../../shared/events.js';
import { CLIENT_EVENT_SCHEMAS } from '../../shared/schemas/socketEvents.js';
import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import type { RealtimeSocket } from './types.js';

type AckError = Extract<Ack<unknown>, { ok: false }>['error'];

/** Where a field's value is too long, the answer is `too_large` (bodies), else `invalid`. */
function fromZod(error: ZodError): AckError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const tooLong = issue?.code === 'too_big' && field === 'body';
  return {
    code: tooLong ? 'too_large' : 'invalid',
    message: tooLong
      ? 'The message is too long.'
      : `Invalid input${field ? ` at ${field}` : ''}: ${issue?.message ?? 'refused'}.`,
    ...(field ? { field } : {}),
  };
}

/** Maps any error to the ack's error, revealing nothing of unexpected ones. */
export function ackError(error: unknown, logger?: Logger): AckError {
  if (error instanceof ZodError) return fromZod(error);
  if (error instanceof AppError) {
    const code: AckErrorCode = error.code === 'method_not_allowed' ? 'invalid' : error.code;
    const field = error.fieldErrors[0]?.path;
    return {
      code,
      message: error.message,
      ...(field ? { field } : {}),
      ...(error.reason ? { reason: error.reason, ...(error.params ? { params: error.params } : {}) } : {}),
    };
  }
  logger?.error({ err: error }, 'socket event failed');
  return { code: 'unavailable', message: 'Something went wrong; try again.' };
}

/** True for a plain JSON object (no array, no Buffer, no function, no odd prototype). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The handler of one client event, shared by every socket: the socket it came on, its parsed payload. */
export type EventHandler<E extends ClientEventName> = (
  socket: RealtimeSocket,
  input: z.infer<ClientEventSchemas[E]>,
) => Promise<ClientEventAcks[E]>;

/**
 * Handlers by client event name. The payload and answer types follow the event's name
 * (shared/events.ts), so a renamed event, a wrong payload type or a wrong answer fails the
 * type-check.
 */
export type EventHandlers = { [E in ClientEventName]?: EventHandler<E> };

type Dispatch = (this: RealtimeSocket, event: string, ...args: unknown[]) => void;

/** Answers one event: parses the payload with the event's schema, runs the handler, answers. */
function answer(
  socket: RealtimeSocket,
  event: ClientEventName,
  run: EventHandler<ClientEventName>,
  args: unknown[],
  logger: Logger | undefined,
): void {
  type Answer = Ack<unknown>;
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (answer: Answer) => void) : undefined;
  const reply = (answer: Answer) => {
    try {
      ack?.(answer);
    } catch (error) {
      logger?.warn({ err: error }, 'socket ack failed');
    }
  };
  const payload = args[0];
  if (!isPlainObject(payload)) {
    reply({ ok: false, error: { code: 'invalid', message: 'The payload must be an object.' } });
    return;
  }
  let input: never;
  try {
    input = (CLIENT_EVENT_SCHEMAS[event] as z.ZodType).parse(payload) as never;
  } catch (error) {
    reply({ ok: false, error: ackError(error, logger) });
    return;
  }
  // Started inside a promise, so a handler that throws at once is answered like one that rejects.
  Promise.resolve()
    .then(() => run(socket, input))
    .then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => reply({ ok: false, error: ackError(error, logger) }),
    );
}

const dispatchers = new WeakMap<EventHandlers, Map<Logger | undefined, Dispatch>>();

/** The one listener of a handler set (and logger), made once and shared by every socket. */
function dispatcherOf(handlers: EventHandlers, logger: Logger | undefined): Dispatch {
  let byLogger = dispatchers.get(handlers);
  if (!byLogger) {
    byLogger = new Map();
    dispatchers.set(handlers, byLogger);
  }
  let dispatch = byLogger.get(logger);
  if (!dispatch) {
    dispatch = function (this: RealtimeSocket, event: string, ...args: unknown[]) {
      if (!Object.hasOwn(handlers, event)) return; // not an event of ours: ignored, as before
      const run = handlers[event as ClientEventName] as EventHandler<ClientEventName> | undefined;
      if (run) answer(this, event as ClientEventName, run, args, logger);
    };
    byLogger.set(logger, dispatch);
  }
  return dispatch;
}

/**
 * Answers a socket's client events with `handlers`: each payload must be a plain object and is parsed
 * with its event's strict schema (CLIENT_EVENT_SCHEMAS); the answer goes through the last argument
 * when it is a function. ONE listener serves every socket (Socket.IO calls it with the socket as
 * `this`), so an idle socket holds no closure per event. Handlers never throw.
 */
export function answerEvents(socket: RealtimeSocket, handlers: EventHandlers, logger?: Logger): void {
  socket.onAny(dispatcherOf(handlers, logger) as never);
}
