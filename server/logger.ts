/**
 * The process-wide pino logger, secrets redacted: JSON lines (production, log collectors) or short
 * readable lines (development). The readable form is our own small formatter on pino's destination,
 * so no worker thread and no extra dependency.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

/** How log lines are written: one JSON object a line, or one readable line per entry. */
export type LogFormat = 'json' | 'pretty';

/** Where and how a logger writes. */
export interface LoggerOptions {
  /** `json` unless told otherwise (the server picks `pretty` outside production). */
  format?: LogFormat;
  /** Where lines go; standard output when not given. */
  destination?: DestinationStream;
}

/** Fields every entry has, which the readable form shows in its own way or not at all. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

/** Request entries (http/requestLog.ts) already say these in their message. */
const IN_REQUEST_MESSAGE = new Set(['method', 'path', 'status', 'ms']);

const LEVEL_NAMES: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * One JSON log line as a readable line: `12:04:05.123 INFO  message key=value …`, and an error's stack
 * indented below it.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = LEVEL_NAMES[entry.level as number] ?? String(entry.level);
  const message = typeof entry.msg === 'string' ? entry.msg : '';
  const isRequest =
    typeof entry.method === 'string' && message.startsWith(`${entry.method} ${String(entry.path)} `);
  const fields = Object.entries(entry)
    .filter(([key, value]) => !SHOWN_APART.has(key) && value !== undefined)
    .filter(([key]) => !(isRequest && IN_REQUEST_MESSAGE.has(key)))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const head = [time, level, message, ...fields].filter(Boolean).join(' ');
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n${(err.stack ?? err.message ?? '').replace(/^/gm, '    ')}` : '';
  return `${head}${stack}\n`;
}

/** A destination that writes each entry as {@link formatLogLine} makes it readable. */
function readable(destination: DestinationStream): DestinationStream {
  return { write: (line: string) => destination.write(formatLogLine(line)) };
}

/** Creates the logger for a server or command-line process. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const stream =
    options.format === 'pretty'
      ? readable(options.destination ?? pino.destination({ dest: 1, sync: true }))
      : options.destination;
  return pino(
    {
      level,
      base: { service: 'concordia' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'res.headers["set-cookie"]',
          'headers.cookie',
          'headers.authorization',
          '*.password',
          '*.token',
        ],
        censor: '[redacted]',
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    stream,
  );
}

export type { Logger };
