/**
 * The open sockets' sessions are checked for time (idle and absolute time-outs) without reading every
 * open session at every check (server/sockets/sessionWatch.ts), against the real sessions collection.
 */
import assert from 'node:assert/strict';
import { readLiveSessions } from '../../../server/auth/liveSessions.js';
import { SessionModel } from '../../../server/models/Session.js';
import { FULL_CHECK_EVERY, sessionWatch, type SessionWatch } from '../../../server/sockets/sessionWatch.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';

const INTERVAL_MS = 10_000;
const HOUR = 3_600_000;

async function storeSession(id: string, expiresInMs: number, signedInAgoMs = 0): Promise<void> {
  await SessionModel.create({
    _id: id,
    personId: null,
    idp: null,
    expires: new Date(Date.now() + expiresInMs),
    data: JSON.stringify({ personId: 'p', signedInAt: Date.now() - signedInAgoMs }),
  });
}

describe('sockets: the open sessions are checked for time, reading only those that may have ended', () => {
  const config = testConfig();
  let reads: string[][];
  let failReads = false;
  let watch: SessionWatch;
  const check = async (open: string[]) => {
    const { ended, error } = await watch.check(open);
    if (error) throw error;
    return ended;
  };
  beforeEach(async () => {
    await resetDatabase();
    reads = [];
    failReads = false;
    watch = sessionWatch(config, INTERVAL_MS, (ids) => {
      reads.push([...ids].sort());
      return failReads ? Promise.reject(new Error('database unreachable')) : readLiveSessions(ids);
    });
  });

  it('reads a session when it is new, then only at the full check, and ends one removed unannounced', async () => {
    await storeSession('far', HOUR);
    await storeSession('other', HOUR);
    assert.deepEqual(await check(['far', 'other']), []);
    assert.deepEqual(reads, [['far', 'other']]);
    await SessionModel.deleteOne({ _id: 'other' }); // as if removed without the announcement
    for (let i = 2; i < FULL_CHECK_EVERY; i++) assert.deepEqual(await check(['far', 'other']), []);
    assert.equal(reads.length, 1, 'live sessions far from their expiry are not read again');
    assert.deepEqual(await check(['far', 'other']), ['other'], 'the full check ends the removed one');
    assert.deepEqual(reads[1], ['far', 'other']);
  });

  it('reads again a session whose expiry falls before the next check, and ends it once it passed', async () => {
    await storeSession('far', HOUR);
    await storeSession('near', 300);
    assert.deepEqual(await check(['far', 'near']), []);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(await check(['far', 'near']), ['near']);
    assert.deepEqual(reads, [['far', 'near'], ['near']]);
  });

  it('sees an expiry moved by a request elsewhere, and keeps that session', async () => {
    await storeSession('moved', 5_000);
    assert.deepEqual(await check(['moved']), []);
    await SessionModel.updateOne({ _id: 'moved' }, { $set: { expires: new Date(Date.now() + HOUR) } });
    assert.deepEqual(await check(['moved']), [], 'read again (it was due) and found alive');
    assert.deepEqual(await check(['moved']), []);
    assert.equal(reads.length, 2, 'no longer due once its new expiry is known');
  });

  it('ends a session past its absolute lifetime, and forgets sessions no longer open', async () => {
    const absoluteMs = config.session.absoluteHours * HOUR;
    await storeSession('old', HOUR, absoluteMs + 1000);
    await storeSession('gone', HOUR);
    assert.deepEqual(await check(['old', 'gone']), ['old']);
    assert.deepEqual(await check([]), []);
    assert.deepEqual(await check(['gone']), [], 'read again: it had been forgotten when its sockets closed');
    assert.deepEqual(reads, [['gone', 'old'], ['gone']]);
  });

  it('reads a session again when a socket of it connects, and all of them when asked', async () => {
    await storeSession('a', HOUR);
    await storeSession('b', HOUR);
    await check(['a', 'b']);
    watch.recheck('a');
    await SessionModel.deleteOne({ _id: 'a' }); // ended while a socket of it was on its way in
    assert.deepEqual(await check(['a', 'b']), ['a']);
    watch.recheckAll(); // e.g. the Redis link came back: other nodes' disconnects may be lost
    assert.deepEqual(await check(['b']), []);
    assert.deepEqual(reads, [['a', 'b'], ['a'], ['b']]);
  });

  it('still ends sessions past their absolute lifetime when the read fails, and reads all next time', async () => {
    const absoluteMs = config.session.absoluteHours * HOUR;
    await storeSession('live', HOUR);
    await storeSession('aging', HOUR, absoluteMs - 300);
    await check(['live', 'aging']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    failReads = true;
    const failed = await watch.check(['live', 'aging', 'new']);
    assert.equal((failed.error as Error).message, 'database unreachable');
    assert.deepEqual(failed.ended, ['aging'], 'decided from what was last read');
    failReads = false;
    assert.deepEqual(await check(['live', 'new']), ['new']);
    assert.deepEqual(reads.at(-1), ['live', 'new'], 'the check after a failure reads every open session');
  });

  it('answers nothing for a bad or unknown id, without failing', async () => {
    assert.deepEqual(await check(['no-such-session']), ['no-such-session']);
    assert.deepEqual(await check([]), []);
  });
});
