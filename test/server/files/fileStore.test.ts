/**
 * The file store on the real test database: files written from a stream read back whole and by ranges
 * across chunk boundaries; size limits at the byte; an abort leaves nothing; resumable appends check
 * their offset, keep what arrived before an interruption, roll back a refused append, refuse a second
 * append at the same time and survive a crash's leftovers; files move to the isolated bucket.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import mongoose, { mongo } from 'mongoose';
import { AppError, ConflictError, NotFoundError, TooLargeError } from '../../../server/errors.js';
import {
  appendToFile,
  CHUNK_SIZE,
  createAppendable,
  fileInfo,
  hashStored,
  listIncompleteOlderThan,
  markComplete,
  moveFile,
  openReader,
  openWriter,
  removeFile,
  storedLength,
  type FileBucket,
} from '../../../server/files/fileStore.js';
import { store } from './fixtures.js';

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function collections(bucket: FileBucket) {
  const db = mongoose.connection.db!;
  return { files: db.collection(`files_${bucket}.files`), chunks: db.collection(`files_${bucket}.chunks`) };
}

async function chunkCount(bucket: FileBucket, key: string): Promise<number> {
  return collections(bucket).chunks.countDocuments({ files_id: new mongo.ObjectId(key) });
}

async function fileDocCount(bucket: FileBucket, key: string): Promise<number> {
  return collections(bucket).files.countDocuments({ _id: new mongo.ObjectId(key) });
}

/** Writes `bytes` to a writer in pieces of `piece` bytes and waits for the end or the error. */
async function writeInPieces(bytes: Buffer, piece: number, maxBytes?: number) {
  const writer = openWriter('uploads', maxBytes === undefined ? {} : { maxBytes });
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += piece) pieces.push(bytes.subarray(at, at + piece));
  const done = Readable.from(pieces).pipe(writer);
  try {
    await once(done, 'finish');
    return { writer, error: null };
  } catch (error) {
    return { writer, error };
  }
}

/** A stream that gives `bytes` in pieces and then fails (a client that went away part way). */
function interrupted(bytes: Buffer, how: 'error' | 'close'): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 20_000) pieces.push(bytes.subarray(at, at + 20_000));
  return new Readable({
    highWaterMark: 0, // nothing read ahead: every byte given was received
    read() {
      const piece = pieces.shift();
      if (piece) this.push(piece);
      else
        setTimeout(
          () => (how === 'error' ? this.destroy(new Error('client went away')) : this.destroy()),
          20,
        );
    },
  });
}

const isReason = (reason: string) => (error: unknown) => error instanceof AppError && error.reason === reason;

describe('the file store', function () {
  this.timeout(60_000);

  describe('writing from a stream', () => {
    const bytes = randomBytes(2 * CHUNK_SIZE + 1000);
    let key: string;

    before(async () => {
      const { writer, error } = await writeInPieces(bytes, 7777);
      assert.equal(error, null);
      key = writer.key;
      assert.match(key, /^[0-9a-f]{24}$/);
      assert.equal(writer.bytesWritten, bytes.length);
      assert.equal(writer.sha256, sha256(bytes));
    });

    it('reads the whole file back, chunk by chunk, and knows its length and hash', async () => {
      assert.deepEqual(await readAll(openReader('uploads', key)), bytes);
      assert.equal(await storedLength('uploads', key), bytes.length);
      assert.equal(await chunkCount('uploads', key), 3);
      assert.equal(await hashStored('uploads', key), sha256(bytes));
      const info = await fileInfo('uploads', key);
      assert.equal(info?.complete, true);
      assert.equal(info?.sha256, sha256(bytes));
    });

    it('reads ranges across chunk boundaries, end inclusive', async () => {
      const ranges: [number, number][] = [
        [0, 0],
        [CHUNK_SIZE - 10, CHUNK_SIZE + 9],
        [CHUNK_SIZE - 1, CHUNK_SIZE - 1],
        [CHUNK_SIZE, CHUNK_SIZE],
        [CHUNK_SIZE, 2 * CHUNK_SIZE - 1],
        [100, 2 * CHUNK_SIZE + 500],
        [bytes.length - 1, bytes.length - 1],
        [0, bytes.length - 1],
      ];
      for (const [start, end] of ranges)
        assert.deepEqual(
          await readAll(openReader('uploads', key, { start, end })),
          bytes.subarray(start, end + 1),
          `range ${start}-${end}`,
        );
    });

    it('refuses a range outside the file, and a file that does not exist', async () => {
      await assert.rejects(
        readAll(openReader('uploads', key, { start: 0, end: bytes.length })),
        isReason('range_not_satisfiable'),
      );
      await assert.rejects(
        readAll(openReader('uploads', key, { start: 10, end: 5 })),
        isReason('range_not_satisfiable'),
      );
      await assert.rejects(readAll(openReader('uploads', new mongo.ObjectId().toHexString())), NotFoundError);
      await assert.rejects(readAll(openReader('uploads', 'not-a-key')), NotFoundError);
      assert.equal(await storedLength('uploads', 'not-a-key'), null);
      assert.equal(await storedLength('uploads', new mongo.ObjectId().toHexString()), null);
    });

    it('stores an empty file', async () => {
      const { writer, error } = await writeInPieces(Buffer.alloc(0), 10);
      assert.equal(error, null);
      assert.equal(await storedLength('uploads', writer.key), 0);
      assert.deepEqual(await readAll(openReader('uploads', writer.key)), Buffer.alloc(0));
      assert.equal(writer.sha256, sha256(Buffer.alloc(0)));
    });

    it('takes exactly maxBytes, and refuses one byte more leaving nothing stored', async () => {
      const limit = CHUNK_SIZE + 10;
      const exact = await writeInPieces(randomBytes(limit), 4096, limit);
      assert.equal(exact.error, null);
      assert.equal(await storedLength('uploads', exact.writer.key), limit);

      const over = await writeInPieces(randomBytes(limit + 1), 4096, limit);
      assert.ok(over.error instanceof TooLargeError, String(over.error));
      assert.equal(await chunkCount('uploads', over.writer.key), 0);
      assert.equal(await fileDocCount('uploads', over.writer.key), 0);
    });

    it('removes what was stored when the upload is aborted part way', async () => {
      const writer = openWriter('uploads');
      writer.write(randomBytes(CHUNK_SIZE + 5000));
      writer.write(randomBytes(CHUNK_SIZE));
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok((await chunkCount('uploads', writer.key)) >= 1, 'chunks were stored as they filled');
      const closed = new Promise((resolve) => writer.once('close', resolve));
      writer.on('error', () => undefined);
      writer.destroy(new Error('client went away'));
      await closed;
      assert.equal(await chunkCount('uploads', writer.key), 0);
      assert.equal(await fileDocCount('uploads', writer.key), 0);
    });

    it('removes a file, and does not mind removing one that is not there', async () => {
      const { key: gone } = await store(randomBytes(CHUNK_SIZE * 2));
      await removeFile('uploads', gone);
      assert.equal(await chunkCount('uploads', gone), 0);
      assert.equal(await storedLength('uploads', gone), null);
      await removeFile('uploads', gone);
      await removeFile('uploads', 'not-a-key');
    });
  });

  describe('resumable appends', () => {
    it('appends at the stored length, filling up a partial last chunk', async () => {
      const key = await createAppendable('uploads');
      assert.equal(await storedLength('uploads', key), 0);
      const parts = [
        randomBytes(100),
        randomBytes(CHUNK_SIZE),
        randomBytes(3),
        randomBytes(CHUNK_SIZE * 2 + 7),
      ];
      let length = 0;
      for (const part of parts) {
        const pieces = [part.subarray(0, 1), part.subarray(1, 50_000), part.subarray(50_000)];
        length = await appendToFile('uploads', key, length, Readable.from(pieces), 10 * CHUNK_SIZE);
      }
      const whole = Buffer.concat(parts);
      assert.equal(length, whole.length);
      assert.equal(await storedLength('uploads', key), whole.length);
      assert.equal((await fileInfo('uploads', key))?.complete, false);
      await markComplete('uploads', key);
      assert.equal((await fileInfo('uploads', key))?.complete, true);
      assert.deepEqual(await readAll(openReader('uploads', key)), whole);
      assert.equal(await hashStored('uploads', key), sha256(whole));
      assert.equal(await chunkCount('uploads', key), Math.ceil(whole.length / CHUNK_SIZE));
      await assert.rejects(
        appendToFile('uploads', key, whole.length, Readable.from([Buffer.from('x')]), 10 * CHUNK_SIZE),
        isReason('upload_complete'),
      );
    });

    it('refuses an append at the wrong offset and says where to resume', async () => {
      const key = await createAppendable('uploads');
      await appendToFile('uploads', key, 0, Readable.from([randomBytes(500)]), 10_000);
      for (const offset of [0, 499, 501])
        await assert.rejects(
          appendToFile('uploads', key, offset, Readable.from([randomBytes(10)]), 10_000),
          (error: unknown) =>
            error instanceof ConflictError &&
            error.reason === 'offset_mismatch' &&
            error.params?.offset === 500,
        );
      assert.equal(await storedLength('uploads', key), 500);
      await assert.rejects(
        appendToFile('uploads', new mongo.ObjectId().toHexString(), 0, Readable.from([]), 10),
        NotFoundError,
      );
    });

    for (const how of ['error', 'close'] as const)
      it(`keeps the bytes that arrived before the stream failed (${how}) and resumes from there`, async () => {
        const key = await createAppendable('uploads');
        const whole = randomBytes(CHUNK_SIZE + 70_000);
        const first = whole.subarray(0, CHUNK_SIZE + 30_000);
        await assert.rejects(appendToFile('uploads', key, 0, interrupted(first, how), 10 * CHUNK_SIZE));
        assert.equal(await storedLength('uploads', key), first.length);
        assert.deepEqual(await readAll(openReader('uploads', key)), first);
        const length = await appendToFile(
          'uploads',
          key,
          first.length,
          Readable.from([whole.subarray(first.length)]),
          10 * CHUNK_SIZE,
        );
        assert.equal(length, whole.length);
        assert.deepEqual(await readAll(openReader('uploads', key)), whole);
      });

    it('rolls a refused append back to its offset and leaves the stream to its owner', async () => {
      const key = await createAppendable('uploads');
      const first = randomBytes(1000);
      await appendToFile('uploads', key, 0, Readable.from([first]), 3 * CHUNK_SIZE);
      const source = new PassThrough();
      for (let i = 0; i < 40; i += 1) source.write(randomBytes(64 * 1024));
      source.end();
      await assert.rejects(appendToFile('uploads', key, 1000, source, 3 * CHUNK_SIZE), TooLargeError);
      assert.ok(!source.destroyed && !source.readableEnded, 'the caller decides what to do with the request');
      assert.equal(await storedLength('uploads', key), 1000);
      assert.equal(await chunkCount('uploads', key), 1);
      assert.deepEqual(await readAll(openReader('uploads', key)), first);
      // exactly the limit is fine
      const rest = randomBytes(3 * CHUNK_SIZE - 1000);
      assert.equal(
        await appendToFile('uploads', key, 1000, Readable.from([rest]), 3 * CHUNK_SIZE),
        3 * CHUNK_SIZE,
      );
      assert.deepEqual(await readAll(openReader('uploads', key)), Buffer.concat([first, rest]));
    });

    it('refuses a second append while one is running, and frees the file afterwards', async () => {
      const key = await createAppendable('uploads');
      const slow = new PassThrough();
      const running = appendToFile('uploads', key, 0, slow, 10 * CHUNK_SIZE);
      slow.write(randomBytes(1000));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await assert.rejects(
        appendToFile('uploads', key, 0, Readable.from([randomBytes(10)]), 10 * CHUNK_SIZE),
        (error: unknown) => error instanceof ConflictError && error.reason === 'upload_busy',
      );
      await assert.rejects(markComplete('uploads', key), isReason('upload_busy'));
      assert.deepEqual(
        await listIncompleteOlderThan('uploads', new Date(Date.now() + 60_000)).then((keys) =>
          keys.includes(key),
        ),
        false,
      );
      slow.end(randomBytes(500));
      assert.equal(await running, 1500);
      assert.equal(
        await appendToFile('uploads', key, 1500, Readable.from([randomBytes(10)]), 10 * CHUNK_SIZE),
        1510,
      );
    });

    it('ignores what a crash left past the stored length', async () => {
      const key = await createAppendable('uploads');
      const first = randomBytes(CHUNK_SIZE + 100);
      await appendToFile('uploads', key, 0, Readable.from([first]), 10 * CHUNK_SIZE);
      const id = new mongo.ObjectId(key);
      const { chunks } = collections('uploads');
      // a crash between a chunk's write and the length's: junk after the partial chunk's stored bytes,
      // and a whole chunk past the end
      const partial = await chunks.findOne({ files_id: id, n: 1 });
      const junkPartial = Buffer.concat([first.subarray(CHUNK_SIZE), randomBytes(5000)]);
      await chunks.updateOne({ _id: partial!._id }, { $set: { data: new mongo.Binary(junkPartial) } });
      await chunks.insertOne({ files_id: id, n: 2, data: new mongo.Binary(randomBytes(CHUNK_SIZE)) });
      assert.deepEqual(await readAll(openReader('uploads', key)), first);
      const rest = randomBytes(CHUNK_SIZE * 2);
      await appendToFile('uploads', key, first.length, Readable.from([rest]), 10 * CHUNK_SIZE);
      assert.deepEqual(await readAll(openReader('uploads', key)), Buffer.concat([first, rest]));
    });

    it('lists incomplete files not touched since a date, for expiry', async () => {
      const key = await createAppendable('uploads');
      const { key: complete } = await store(randomBytes(10));
      const later = await listIncompleteOlderThan('uploads', new Date(Date.now() + 60_000));
      assert.ok(later.includes(key));
      assert.ok(!later.includes(complete));
      assert.ok(!(await listIncompleteOlderThan('uploads', new Date(Date.now() - 60_000))).includes(key));
      await removeFile('uploads', key);
      assert.ok(!(await listIncompleteOlderThan('uploads', new Date(Date.now() + 60_000))).includes(key));
    });
  });

  describe('moving to the isolated bucket', () => {
    it('moves the bytes under the same key and removes them from uploads', async () => {
      const bytes = randomBytes(CHUNK_SIZE * 2 + 17);
      const { key } = await store(bytes);
      await moveFile(key, 'uploads', 'isolated');
      assert.equal(await storedLength('uploads', key), null);
      assert.equal(await chunkCount('uploads', key), 0);
      assert.equal(await storedLength('isolated', key), bytes.length);
      assert.equal((await fileInfo('isolated', key))?.complete, true);
      assert.deepEqual(await readAll(openReader('isolated', key)), bytes);
      // again: already moved, nothing to do
      await moveFile(key, 'uploads', 'isolated');
      assert.deepEqual(await readAll(openReader('isolated', key)), bytes);
      await assert.rejects(
        moveFile(new mongo.ObjectId().toHexString(), 'uploads', 'isolated'),
        NotFoundError,
      );
    });

    it('finishes a move that a crash interrupted', async () => {
      const bytes = randomBytes(CHUNK_SIZE + 3);
      const { key } = await store(bytes);
      const id = new mongo.ObjectId(key);
      const isolated = collections('isolated');
      // a half-made copy: the target's document, marked copying, and one chunk of junk
      const source = await collections('uploads').files.findOne({ _id: id });
      await isolated.files.insertOne({ ...source!, complete: false, copying: true });
      await isolated.chunks.insertOne({ files_id: id, n: 0, data: new mongo.Binary(randomBytes(10)) });
      await moveFile(key, 'uploads', 'isolated');
      assert.deepEqual(await readAll(openReader('isolated', key)), bytes);
      assert.equal(await storedLength('uploads', key), null);
    });
  });
});
