/**
 * A real SMTP server (the `smtp-server` package, by the nodemailer authors) on 127.0.0.1:0 that keeps
 * every message it accepts, for tests of outgoing mail through our real mailer.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One accepted message: its envelope recipients and its raw RFC 5322 text. */
export interface SunkMessage {
  to: string[];
  raw: string;
}

/** A running sink. */
export interface SmtpSink {
  url: string;
  messages: SunkMessage[];
  /** Messages addressed to `address`. */
  to(address: string): SunkMessage[];
  close(): Promise<void>;
}

/** Starts a sink (no TLS, no authentication: it only listens on the loopback address). */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to: (address) => messages.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/**
 * Every readable form of a raw message: the raw text, its quoted-printable decoding, every base64
 * block decoded and every encoded header word decoded. A string absent from this is absent from the
 * message whatever transfer encoding the mailer chose.
 */
export function readableForms(raw: string): string {
  const base64 = [...raw.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{16,})(?=\r?\n--|\r?\n*$)/g)].map((m) =>
    Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64').toString('utf8'),
  );
  const words = [...raw.matchAll(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi)].map(([, enc, text]) =>
    enc?.toUpperCase() === 'B'
      ? Buffer.from(text ?? '', 'base64').toString('utf8')
      : decodeQuotedPrintable((text ?? '').replace(/_/g, ' ')),
  );
  return [raw, decodeQuotedPrintable(raw), ...base64, ...words].join('\n');
}
