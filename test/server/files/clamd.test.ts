/**
 * Our clamd client against a real clamd (one EICAR signature): EICAR found whole and in tiny pieces,
 * clean bytes pass, bytes past the scanner's stream limit are unscannable, and a scanner that is down,
 * silent or failing makes a quick UnavailableError; the INSTREAM framing also over a Unix socket.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { freePort } from '../../../server/db/childProcess.js';
import { UnavailableError } from '../../../server/errors.js';
import {
  clamdAddress,
  openScan,
  parseScanReply,
  pingScanner,
  scanStream,
} from '../../../server/files/clamd.js';
import { EICAR, EICAR_SIGNATURE, startTestClamd, type TestClamd } from '../../support/clamd.js';

const isUnavailable = (error: unknown) =>
  error instanceof UnavailableError && error.code === 'unavailable' && error.reason === 'scanner_unavailable';

/** Unavailable because the connection was refused (ECONNREFUSED), not because a time-out ran out. */
const refusedConnection = (error: unknown) =>
  isUnavailable(error) && /ECONNREFUSED/.test(String((error as Error).cause));

/** A fake scanner on a Unix socket or port: reads an INSTREAM session, then answers as told. */
async function fakeScanner(
  listen: string | number,
  answer: (received: Buffer) => string | null,
): Promise<{ close(): Promise<void>; sessions: Buffer[] }> {
  const sessions: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      const command = 'zINSTREAM\0';
      if (buffer.length < command.length) return;
      assert.equal(buffer.subarray(0, command.length).toString(), command);
      // walk the chunks; stop at the zero-length one
      const payload: Buffer[] = [];
      let at = command.length;
      while (at + 4 <= buffer.length) {
        const size = buffer.readUInt32BE(at);
        if (size === 0) {
          sessions.push(Buffer.concat(payload));
          const reply = answer(Buffer.concat(payload));
          if (reply !== null) socket.end(`${reply}\0`);
          return;
        }
        assert.ok(size <= 64 * 1024, `chunk of ${size} bytes`);
        if (at + 4 + size > buffer.length) return;
        payload.push(buffer.subarray(at + 4, at + 4 + size));
        at += 4 + size;
      }
    });
  });
  await new Promise<void>((resolve) =>
    typeof listen === 'number' ? server.listen(listen, '127.0.0.1', resolve) : server.listen(listen, resolve),
  );
  return {
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('the clamd client', function () {
  this.timeout(60_000);
  let clamd: TestClamd;

  before(async () => {
    clamd = await startTestClamd();
  });
  after(async () => {
    await clamd?.stop();
  });

  it('finds EICAR by its signature name (the test database is unsigned, hence .UNOFFICIAL)', async () => {
    const verdict = await scanStream(clamd.url, Readable.from([Buffer.from(EICAR)]));
    assert.deepEqual(verdict, { status: 'infected', signature: EICAR_SIGNATURE });
  });

  it('finds EICAR written in tiny pieces, as an upload arrives', async () => {
    const session = await openScan(clamd.url);
    const bytes = Buffer.from(EICAR);
    for (let at = 0; at < bytes.length; at += 3) await session.write(bytes.subarray(at, at + 3));
    assert.deepEqual(await session.finish(), { status: 'infected', signature: EICAR_SIGNATURE });
  });

  it('passes clean bytes, small and several MiB in one write', async () => {
    assert.deepEqual(await scanStream(clamd.url, Readable.from([Buffer.from('Minutes of the meeting\n')])), {
      status: 'clean',
    });
    const session = await openScan(clamd.url);
    await session.write(randomBytes(5 * 1024 * 1024));
    await session.write(Buffer.alloc(0));
    assert.deepEqual(await session.finish(), { status: 'clean' });
  });

  it('answers its version', async () => {
    const { version } = await pingScanner(clamd.url);
    assert.match(version, /^ClamAV \d+\.\d+/);
  });

  it('can be aborted without an error', async () => {
    const session = await openScan(clamd.url);
    await session.write(Buffer.from('part of a file'));
    session.abort();
    session.abort();
  });

  describe('with a small stream limit', () => {
    let small: TestClamd;
    before(async () => {
      small = await startTestClamd({ streamMaxLength: '1M' });
    });
    after(async () => {
      await small?.stop();
    });

    // Past clamd's own limit (the client told a larger one), clamd answers early and closes the
    // connection on our unread bytes; its answer may be lost in the reset. Never "clean".
    const past = { streamMaxBytes: 100 * 1024 * 1024 };
    const unscannableOrUnavailable = async (verdict: Promise<unknown>) => {
      try {
        assert.deepEqual(await verdict, { status: 'unscannable', reason: 'size_limit' });
      } catch (error) {
        assert.ok(isUnavailable(error), String(error));
      }
    };

    it("never passes bytes past clamd's own limit, written piece by piece", async () => {
      for (let round = 0; round < 3; round += 1) {
        const session = await openScan(small.url, past);
        await unscannableOrUnavailable(
          (async () => {
            for (let i = 0; i < 48; i += 1) await session.write(randomBytes(64 * 1024));
            return session.finish();
          })(),
        );
        session.abort();
      }
    });

    it("never passes a stream past clamd's own limit", async () => {
      let given = 0;
      const source = new Readable({
        read() {
          given += 1;
          this.push(given > 200 ? null : randomBytes(64 * 1024));
        },
      });
      await unscannableOrUnavailable(scanStream(small.url, source, past));
    });

    it("says bytes past the limit it is told (clamd's) are unscannable, sending no more", async () => {
      for (let round = 0; round < 5; round += 1) {
        const session = await openScan(small.url, { streamMaxBytes: 1024 * 1024 });
        await session.write(randomBytes(1024 * 1024)); // exactly the limit is still scanned
        await session.write(Buffer.from('one byte too many'));
        await session.write(randomBytes(10 * 1024 * 1024));
        assert.deepEqual(await session.finish(), { status: 'unscannable', reason: 'size_limit' });
      }
      let given = 0;
      const source = new Readable({
        read() {
          given += 1;
          this.push(given > 200 ? null : randomBytes(64 * 1024));
        },
      });
      const verdict = await scanStream(small.url, source, { streamMaxBytes: 1024 * 1024 });
      assert.deepEqual(verdict, { status: 'unscannable', reason: 'size_limit' });
      assert.ok(given < 30, `read ${given} pieces of 64 KiB`);
      const fits = await openScan(small.url, { streamMaxBytes: 1024 * 1024 });
      await fits.write(randomBytes(1024 * 1024));
      assert.deepEqual(await fits.finish(), { status: 'clean' });
    });

    it('still scans what fits', async () => {
      assert.deepEqual(await scanStream(small.url, Readable.from([Buffer.from(EICAR)])), {
        status: 'infected',
        signature: EICAR_SIGNATURE,
      });
    });
  });

  describe('when the scanner cannot be used', () => {
    it('refuses at once when nothing listens (the refused connection, not a time-out)', async () => {
      const port = await freePort();
      await assert.rejects(openScan(`tcp://127.0.0.1:${port}`), refusedConnection);
      await assert.rejects(
        scanStream(`tcp://127.0.0.1:${port}`, Readable.from([Buffer.from('x')])),
        isUnavailable,
      );
      await assert.rejects(pingScanner(`tcp://127.0.0.1:${port}`), refusedConnection);
    });

    it('refuses when the host name does not resolve', async () => {
      await assert.rejects(openScan('tcp://clamd.invalid:3310'), isUnavailable);
    });

    it('refuses when the scanner stops answering', async () => {
      const port = await freePort();
      const silent = await fakeScanner(port, () => null);
      try {
        const session = await openScan(`tcp://127.0.0.1:${port}`, { timeoutMs: 300 });
        await session.write(Buffer.from('hello'));
        // Given up after the session's own time-out, as the error's cause says.
        await assert.rejects(
          session.finish(),
          (error: unknown) =>
            isUnavailable(error) && /took more than 300 ms/.test(String((error as Error).cause)),
        );
      } finally {
        await silent.close();
      }
    });

    it('refuses on an error reply, and on a connection closed without a reply', async () => {
      const port = await freePort();
      const failing = await fakeScanner(port, () => "stream: Can't allocate memory ERROR");
      try {
        await assert.rejects(
          scanStream(`tcp://127.0.0.1:${port}`, Readable.from([Buffer.from('x')])),
          isUnavailable,
        );
      } finally {
        await failing.close();
      }
      const closing = net.createServer((socket) => socket.destroy());
      const closingPort = await freePort();
      await new Promise<void>((resolve) => closing.listen(closingPort, '127.0.0.1', resolve));
      try {
        await assert.rejects(
          scanStream(`tcp://127.0.0.1:${closingPort}`, Readable.from([Buffer.from('x')])),
          isUnavailable,
        );
      } finally {
        await new Promise((resolve) => closing.close(resolve));
      }
    });

    it('refuses when the scanner goes away in the middle of a session', async () => {
      const port = await freePort();
      const fake = await fakeScanner(port, () => null);
      const session = await openScan(`tcp://127.0.0.1:${port}`, { timeoutMs: 1000 });
      await session.write(Buffer.from('first part'));
      await fake.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await assert.rejects(
        (async () => {
          await session.write(randomBytes(1024));
          return session.finish();
        })(),
        isUnavailable,
      );
    });
  });

  describe('addresses and replies', () => {
    it('speaks INSTREAM over a Unix socket, in chunks of at most 64 KiB', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-clamd-unix-'));
      const socketPath = path.join(dir, 'clamd.ctl');
      const fake = await fakeScanner(socketPath, () => 'stream: OK');
      try {
        const bytes = randomBytes(200_000);
        assert.deepEqual(await scanStream(`unix://${socketPath}`, Readable.from([bytes])), {
          status: 'clean',
        });
        assert.deepEqual(fake.sessions[0], bytes);
        assert.deepEqual(await scanStream(socketPath, Readable.from([Buffer.from('x')])), {
          status: 'clean',
        });
      } finally {
        await fake.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reads the URL forms', () => {
      assert.deepEqual(clamdAddress('tcp://127.0.0.1:3310'), { host: '127.0.0.1', port: 3310 });
      assert.deepEqual(clamdAddress('tcp://clamd:3310/'), { host: 'clamd', port: 3310 });
      assert.deepEqual(clamdAddress('tcp://[::1]:3310'), { host: '::1', port: 3310 });
      assert.deepEqual(clamdAddress('unix:///run/clamav/clamd.ctl'), { path: '/run/clamav/clamd.ctl' });
      assert.deepEqual(clamdAddress('/run/clamav/clamd.ctl'), { path: '/run/clamav/clamd.ctl' });
      assert.throws(() => clamdAddress('http://clamd:3310'));
      assert.throws(() => clamdAddress('tcp://clamd'));
      assert.throws(() => clamdAddress('unix://relative/path'));
    });

    it('reads the replies', () => {
      assert.deepEqual(parseScanReply('stream: OK\0'), { status: 'clean' });
      assert.deepEqual(parseScanReply('stream: Win.Test.EICAR_HDB-1 FOUND\0'), {
        status: 'infected',
        signature: 'Win.Test.EICAR_HDB-1',
      });
      assert.deepEqual(parseScanReply('INSTREAM size limit exceeded. ERROR\0'), {
        status: 'unscannable',
        reason: 'size_limit',
      });
      assert.throws(() => parseScanReply('stream: lstat() failed ERROR'), isUnavailable);
      assert.throws(() => parseScanReply('UNKNOWN COMMAND'), isUnavailable);
    });
  });
});
