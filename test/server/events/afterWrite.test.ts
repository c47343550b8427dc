import assert from 'node:assert/strict';
import {
  AFTER_WRITE_ATTEMPTS,
  AFTER_WRITE_CONCURRENCY,
  afterWrite,
  afterWritesSettled,
  setAfterWriteLogger,
} from '../../../server/events/afterWrite.js';

describe('follow-ups after a write (afterWrite)', () => {
  const logged: { level: string; task: unknown }[] = [];
  before(() =>
    setAfterWriteLogger({
      warn: (fields: { task?: unknown }) => logged.push({ level: 'warn', task: fields.task }),
      error: (fields: { task?: unknown }) => logged.push({ level: 'error', task: fields.task }),
    } as never),
  );

  it('runs every task in the background, never more than the bound at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    for (let i = 0; i < 12; i++)
      afterWrite(`task ${i}`, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        done.push(i);
      });
    assert.ok(done.length < 12, 'the caller does not wait');
    await afterWritesSettled();
    assert.equal(done.length, 12);
    assert.ok(most <= AFTER_WRITE_CONCURRENCY && most > 1, `at most ${most} at once`);
  });

  it('retries a failing task, then logs it, and the queue goes on', async function () {
    this.timeout(10_000);
    let tries = 0;
    let flaky = 0;
    afterWrite('always fails', async () => {
      tries += 1;
      throw new Error('down');
    });
    afterWrite('fails once', async () => {
      flaky += 1;
      if (flaky === 1) throw new Error('once');
    });
    const end = Date.now() + 8_000;
    while ((tries < AFTER_WRITE_ATTEMPTS || flaky < 2) && Date.now() < end)
      await afterWritesSettled().then(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(tries, AFTER_WRITE_ATTEMPTS);
    assert.equal(flaky, 2);
    assert.deepEqual(
      logged.filter((l) => l.task === 'always fails').map((l) => l.level),
      [...Array(AFTER_WRITE_ATTEMPTS - 1).fill('warn'), 'error'],
    );
  });
});
