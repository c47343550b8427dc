/**
 * Our own small client of clamd (ClamAV's daemon), no dependency: INSTREAM to scan bytes as they
 * arrive (`zINSTREAM\0`, then chunks of at most 64 KiB each prefixed by its 4-byte big-endian length,
 * then a zero-length chunk; the answer is `stream: OK`, `stream: <Signature> FOUND` or `INSTREAM size
 * limit exceeded. ERROR`), and VERSION for the admin view and readiness. A scanner that cannot be
 * reached, is too slow, closes the connection or answers an error makes an UnavailableError (503):
 * uploads are refused rather than kept unscanned. Nothing is logged here (the caller may log the
 * error's `cause`, which never holds file contents).
 */
import net from 'node:net';
import type { Readable } from 'node:stream';
import { UnavailableError } from '../errors.js';

/** The scanner's word on a stream of bytes. */
export type ScanVerdict =
  | { status: 'clean' }
  | { status: 'infected'; signature: string }
  | { status: 'unscannable'; reason: 'size_limit' };

/** One INSTREAM session; opened before the upload's bytes are accepted. */
export interface ScanSession {
  /** Sends bytes to the scanner (waits while its connection is full); a no-op once it has answered. */
  write(chunk: Buffer): Promise<void>;
  /** Ends the stream and resolves with the verdict. */
  finish(): Promise<ScanVerdict>;
  /** Drops the session (the upload failed); never throws. */
  abort(): void;
}

/** Options of the scanner calls. */
export interface ScanOptions {
  /** How long the scanner may keep us waiting (for room to write, or for its answer); 30 s by default. */
  timeoutMs?: number;
  /** How long connecting may take; 5 s by default. */
  connectTimeoutMs?: number;
  /**
   * clamd's StreamMaxLength in bytes (25 MiB, clamd's default, when not given): a longer stream is
   * unscannable, decided here without sending the rest. Set it to clamd's own value. Past clamd's
   * own limit, clamd answers `INSTREAM size limit exceeded` and closes the connection with our
   * unread bytes in it; the reset that follows often destroys that answer before it reaches us
   * (clamdscan avoids this the same way, by never sending more than the limit), and a lost answer
   * can only come out as "unavailable".
   */
  streamMaxBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_STREAM_MAX_BYTES = 25 * 1024 * 1024;
/** The largest INSTREAM chunk we send. */
const MAX_CHUNK = 64 * 1024;
/** The most a reply may hold (a version line or a verdict). */
const MAX_REPLY = 4096;

/**
 * The one message a user sees when the scanner cannot be used; what went wrong is the error's `cause`
 * (for the caller's log: it never holds file contents).
 */
function unavailable(cause: string): UnavailableError {
  const error = new UnavailableError(
    'The virus scanner cannot be reached, so uploads are refused for now. Try again later.',
    { reason: 'scanner_unavailable' },
  );
  error.cause = `clamd: ${cause}`;
  return error;
}

/** Where clamd listens: `tcp://host:port`, `unix:///path/clamd.ctl` or a bare absolute path. */
export function clamdAddress(url: string): net.NetConnectOpts {
  if (url.startsWith('/')) return { path: url };
  if (url.startsWith('unix://')) {
    const path = url.slice('unix://'.length);
    if (!path.startsWith('/')) throw new Error(`the clamd URL ${url} needs an absolute socket path`);
    return { path };
  }
  const match = /^tcp:\/\/(\[[^\]]+\]|[^:/]+):(\d{1,5})\/?$/.exec(url);
  if (!match) throw new Error(`the clamd URL ${url} is neither tcp://host:port nor unix:///path`);
  const [, host = '', port] = match;
  return { host: host.replace(/^\[|\]$/g, ''), port: Number(port) };
}

/** Connects to clamd, or throws UnavailableError. */
function connect(url: string, timeoutMs: number): Promise<net.Socket> {
  const address = clamdAddress(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(address);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unavailable(`connecting took more than ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(unavailable(error.message));
    });
  });
}

/** Reads a reply up to its NUL (or the connection's end) from a connected socket. */
class ReplyReader {
  private received = Buffer.alloc(0);
  private settled: { reply: string } | { error: string } | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (data: Buffer) => {
      if (this.settled) return;
      this.received = Buffer.concat([this.received, data]);
      const end = this.received.indexOf(0);
      if (end >= 0) this.settle({ reply: this.received.subarray(0, end).toString('utf8') });
      else if (this.received.length > MAX_REPLY) this.settle({ error: 'the reply is too long' });
    });
    socket.on('end', () =>
      this.settle(
        this.received.length > 0
          ? { reply: this.received.toString('utf8') }
          : { error: 'the scanner closed the connection' },
      ),
    );
    socket.on('error', (error: Error) => this.settle({ error: error.message }));
    socket.on('close', () => this.settle({ error: 'the scanner closed the connection' }));
  }

  /** The reply or failure, once there is one. */
  get result(): { reply: string } | { error: string } | null {
    return this.settled;
  }

  private settle(result: { reply: string } | { error: string }): void {
    if (this.settled) return;
    this.settled = result;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves when the reply or a failure is known. */
  whenSettled(): Promise<void> {
    return this.settled ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/** Resolves when `promise` does, or rejects with UnavailableError after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(unavailable(`${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The verdict in an INSTREAM reply, or UnavailableError for a scanner error. */
export function parseScanReply(reply: string): ScanVerdict {
  const text = reply.replace(/\0+$/, '').trim();
  if (/INSTREAM size limit exceeded/i.test(text)) return { status: 'unscannable', reason: 'size_limit' };
  const verdict = /^(?:\d+: )?stream: (?:(OK)|(.+) FOUND)$/.exec(text);
  if (verdict?.[1]) return { status: 'clean' };
  if (verdict?.[2]) return { status: 'infected', signature: verdict[2] };
  throw unavailable(`unexpected reply: ${text.slice(0, 200)}`);
}

class InstreamSession implements ScanSession {
  private readonly reply: ReplyReader;
  private done = false;
  private sent = 0;
  private overLimit = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly timeoutMs: number,
    private readonly streamMaxBytes: number,
  ) {
    this.reply = new ReplyReader(socket);
  }

  /** True once the verdict no longer depends on more bytes (over the limit, or clamd answered early). */
  get decided(): boolean {
    return this.overLimit || (this.reply.result !== null && 'reply' in this.reply.result);
  }

  start(): void {
    this.socket.write('zINSTREAM\0');
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.done) throw new Error('the scan session is over');
    for (let at = 0; at < chunk.length; at += MAX_CHUNK) {
      // Let the event loop read an early answer (clamd's own size limit) before writing on.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.decided) return; // the rest is not needed
      const result = this.reply.result;
      if (result && 'error' in result) throw unavailable(result.error);
      const piece = chunk.subarray(at, Math.min(at + MAX_CHUNK, chunk.length));
      if (this.sent + piece.length > this.streamMaxBytes) {
        this.overLimit = true;
        return;
      }
      this.sent += piece.length;
      // One buffer, one write: the frame never goes half-written into a connection clamd closed.
      const framed = Buffer.allocUnsafe(4 + piece.length);
      framed.writeUInt32BE(piece.length, 0);
      piece.copy(framed, 4);
      if (!this.socket.write(framed)) await this.drained();
    }
  }

  /** Waits until the connection takes more bytes, clamd answers, or it fails. */
  private async drained(): Promise<void> {
    let onDrain: (() => void) | undefined;
    const drain = new Promise<void>((resolve) => {
      onDrain = resolve;
      this.socket.once('drain', resolve);
    });
    try {
      await within(Promise.race([drain, this.reply.whenSettled()]), this.timeoutMs, 'the scanner reading');
    } catch (error) {
      this.abort();
      throw error;
    } finally {
      if (onDrain) this.socket.off('drain', onDrain);
    }
    const result = this.reply.result;
    if (result && 'error' in result) throw unavailable(result.error);
  }

  async finish(): Promise<ScanVerdict> {
    if (this.done) throw new Error('the scan session is over');
    this.done = true;
    try {
      if (this.overLimit) return { status: 'unscannable', reason: 'size_limit' };
      if (!this.reply.result) this.socket.write(Buffer.alloc(4));
      await within(this.reply.whenSettled(), this.timeoutMs, 'the scanner answering');
      const result = this.reply.result;
      if (!result || 'error' in result) throw unavailable(result?.error ?? 'no answer');
      return parseScanReply(result.reply);
    } finally {
      this.socket.destroy();
    }
  }

  abort(): void {
    this.done = true;
    this.socket.destroy();
  }
}

/** Opens an INSTREAM session with clamd at `url`; UnavailableError when it cannot be reached. */
export async function openScan(url: string, options: ScanOptions = {}): Promise<ScanSession> {
  return openSession(url, options);
}

async function openSession(url: string, options: ScanOptions): Promise<InstreamSession> {
  const socket = await connect(url, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  const session = new InstreamSession(
    socket,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    options.streamMaxBytes ?? DEFAULT_STREAM_MAX_BYTES,
  );
  session.start();
  return session;
}

/** Scans a whole stream (a stored file, say) and resolves with the verdict. */
export async function scanStream(
  url: string,
  source: Readable,
  options: ScanOptions = {},
): Promise<ScanVerdict> {
  const session = await openSession(url, options);
  try {
    for await (const piece of source) {
      await session.write(Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array));
      if (session.decided) break;
    }
    return await session.finish();
  } catch (error) {
    session.abort();
    throw error;
  }
}

/** Asks clamd for its version (`ClamAV 1.4.6/27470/...`): for the admin view and readiness. */
export async function pingScanner(url: string, options: ScanOptions = {}): Promise<{ version: string }> {
  const socket = await connect(url, options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  const reply = new ReplyReader(socket);
  try {
    socket.write('zVERSION\0');
    await within(
      reply.whenSettled(),
      options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      'the scanner answering',
    );
    const result = reply.result;
    if (!result || 'error' in result) throw unavailable(result?.error ?? 'no answer');
    const version = result.reply.trim();
    if (!/^ClamAV /.test(version)) throw unavailable(`unexpected reply: ${version.slice(0, 200)}`);
    return { version };
  } finally {
    socket.destroy();
  }
}
