import assert from 'node:assert/strict';
import {
  AFTER_WRITE_ATTEMPTS,
  AFTER_WRITE_CONCURRENCY,
  afterWritesSettled,
  setAfterWriteLogger,
} from '../../../server/events/afterWrite.js';
import {
  processorFailures,
  publish,
  subscribe,
  type DomainEventMap,
} from '../../../server/events/domainEvents.js';

/** Waits until `done()` holds (retries come after a pause of their own). */
async function until(done: () => boolean, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await afterWritesSettled();
}

describe('the domain-event bus (publish, subscribe)', function () {
  this.timeout(15_000);
  const logged: { level: string; task: unknown }[] = [];
  const offs: (() => void)[] = [];
  const on = <N extends keyof DomainEventMap>(...args: Parameters<typeof subscribe<N>>) => {
    const off = subscribe(...args);
    offs.push(off);
    return off;
  };
  before(() =>
    setAfterWriteLogger({
      warn: (fields: { task?: unknown }) => logged.push({ level: 'warn', task: fields.task }),
      error: (fields: { task?: unknown }) => logged.push({ level: 'error', task: fields.task }),
    } as never),
  );
  afterEach(async () => {
    for (const off of offs.splice(0)) off();
    await afterWritesSettled();
  });

  it('delivers a typed payload to the processors of its event only', () => {
    const access: string[] = [];
    const ended: string[] = [];
    on('access', 'test access', (event) => access.push(event.personId));
    on('sessions.ended', 'test sessions', (event) => ended.push('sessionId' in event ? event.sessionId : ''));
    publish('access', { personId: 'p-typed' });
    assert.deepEqual(access, ['p-typed'], 'inline: delivered before publish returns');
    assert.deepEqual(ended, []);
  });

  it('a wrong payload or an unknown event name fails tsc', () => {
    // Compiled by `npm run typecheck`: each @ts-expect-error fails the build if the line compiles.
    // Never called: the bus is only typed here.
    const misuse = () => {
      // @ts-expect-error an access event carries a personId, not a spaceId
      publish('access', { spaceId: 'x' });
      // @ts-expect-error a message event's payload is a MessageEvent, not a ReadEvent's fields
      publish('message', { personId: 'p', message: null });
      // @ts-expect-error an event name that is not in the map
      publish('acces', { personId: 'p' });
      subscribe('notifications.stored', 'typed', (docs) => {
        // @ts-expect-error stored notifications are a list, not one document
        void docs.recipientId;
      });
    };
    assert.equal(typeof misuse, 'function');
  });

  it('runs inline processors in subscription order, and each sees the events in publish order', () => {
    const seen: string[] = [];
    on('access', 'test first', (event) => seen.push(`first ${event.personId}`));
    on('access', 'test second', (event) => seen.push(`second ${event.personId}`));
    publish('access', { personId: 'a' });
    publish('access', { personId: 'b' });
    assert.deepEqual(seen, ['first a', 'second a', 'first b', 'second b']);
  });

  it('never throws into the publisher: a failing processor is logged and retried, the others still run', async () => {
    let syncTries = 0;
    let asyncTries = 0;
    const others: string[] = [];
    on('access', 'test throws', () => {
      syncTries += 1;
      throw new Error('down');
    });
    on('access', 'test rejects once', async () => {
      asyncTries += 1;
      if (asyncTries === 1) throw new Error('once');
    });
    on('access', 'test healthy', (event) => others.push(event.personId));
    const before = processorFailures();
    assert.doesNotThrow(() => publish('access', { personId: 'p-fail' }));
    assert.deepEqual(others, ['p-fail'], 'the next processor got the event');
    await until(() => syncTries >= AFTER_WRITE_ATTEMPTS && asyncTries >= 2);
    assert.equal(syncTries, AFTER_WRITE_ATTEMPTS, 'tried again, up to the bound');
    assert.equal(asyncTries, 2, 'a rejected promise is retried too, until it succeeds');
    assert.deepEqual(others, ['p-fail'], 'a healthy processor is not run again');
    const after = processorFailures();
    const grew = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    assert.equal(grew('access:test throws'), AFTER_WRITE_ATTEMPTS);
    assert.equal(grew('access:test rejects once'), 1);
    assert.equal(grew('access:test healthy'), 0);
    assert.deepEqual(
      logged.filter((l) => l.task === 'access:test throws').map((l) => l.level),
      [...Array(AFTER_WRITE_ATTEMPTS - 1).fill('warn'), 'error'],
    );
    assert.deepEqual(
      logged.filter((l) => l.task === 'access:test rejects once').map((l) => l.level),
      ['warn'],
    );
  });

  it('unsubscribes: no further events, and no retry of an unsubscribed processor', async () => {
    let calls = 0;
    const off = on('access', 'test leaves', () => {
      calls += 1;
      throw new Error('fails, then leaves');
    });
    publish('access', { personId: 'p1' });
    off();
    publish('access', { personId: 'p2' });
    await new Promise((r) => setTimeout(r, 400));
    await afterWritesSettled();
    assert.equal(calls, 1);
  });

  it('runs background processors outside the publisher, with bounded concurrency', async () => {
    let running = 0;
    let most = 0;
    const done: string[] = [];
    on(
      'access',
      'test background',
      async (event) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        done.push(event.personId);
      },
      { mode: 'background' },
    );
    const ids = Array.from({ length: 12 }, (_, i) => `bg-${i}`);
    for (const personId of ids) publish('access', { personId });
    assert.equal(done.length, 0, 'the publisher does not wait, nor run the processor itself');
    await afterWritesSettled();
    assert.deepEqual([...done].sort(), [...ids].sort());
    assert.ok(most <= AFTER_WRITE_CONCURRENCY && most > 1, `at most ${most} at once`);
  });

  it('retries a failing background processor and never throws into the publisher', async () => {
    let tries = 0;
    on(
      'sessions.ended',
      'test background fails',
      () => {
        tries += 1;
        throw new Error('sync failure in the background');
      },
      { mode: 'background' },
    );
    assert.doesNotThrow(() => publish('sessions.ended', { sessionId: 'none' }));
    await until(() => tries >= AFTER_WRITE_ATTEMPTS);
    assert.equal(tries, AFTER_WRITE_ATTEMPTS);
    assert.deepEqual(
      logged.filter((l) => l.task === 'sessions.ended:test background fails').map((l) => l.level),
      [...Array(AFTER_WRITE_ATTEMPTS - 1).fill('warn'), 'error'],
    );
  });
});
