/** The process-wide pino logger: JSON lines on stdout, secrets redacted. */
import { pino, type Logger } from 'pino';

/** Creates the logger for a server or command-line process. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'concordia' },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
      ],
      censor: '[redacted]',
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

export type { Logger };
