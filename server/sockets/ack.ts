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

type Listener = (...args: unknown[]) => void;

/**
 * Registers the handler of client event `event`: parses the first argument with the event's schema
 * (CLIENT_EVENT_SCHEMAS), runs `run` and answers through the last argument when it is a function.
 * The payload and answer types follow the event's name (shared/events.ts), so a renamed event, a
 * wrong payload type or a wrong answer fails the type-check. Handlers never throw.
 */
export function onEvent<E extends ClientEventName>(
  socket: RealtimeSocket,
  event: E,
  run: (input: z.infer<ClientEventSchemas[E]>) => Promise<ClientEventAcks[E]>,
  logger?: Logger,
): void {
  const schema: z.ZodType = CLIENT_EVENT_SCHEMAS[event];
  type Answer = Ack<ClientEventAcks[E]>;
  const listener: Listener = (...args) => {
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
    let input: z.infer<ClientEventSchemas[E]>;
    try {
      input = schema.parse(payload) as z.infer<ClientEventSchemas[E]>;
    } catch (error) {
      reply({ ok: false, error: ackError(error, logger) });
      return;
    }
    run(input).then(
      (data) => reply({ ok: true, data }),
      (error: unknown) => reply({ ok: false, error: ackError(error, logger) }),
    );
  };
  (socket as unknown as { on(event: string, listener: Listener): void }).on(event, listener);
}
