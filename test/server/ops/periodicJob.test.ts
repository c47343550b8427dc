import assert from 'node:assert/strict';
import { createLogger } from '../../../server/logger.js';
import { startPeriodicJob } from '../../../server/ops/periodicJob.js';

describe('server/ops/periodicJob', () => {
  const logLines = () => {
    const lines: string[] = [];
    const logger = createLogger('info', {
      format: 'json',
      destination: { write: (l) => void lines.push(l) },
    });
    return { lines, logger };
  };

  it('runs at once and every period, never two runs at once, and stop waits for the run in progress', async () => {
    const { logger } = logLines();
    let started = 0;
    let active = 0;
    let most = 0;
    let finished = 0;
    const job = startPeriodicJob({
      everyMs: 5,
      logger,
      failure: 'failed',
      run: async () => {
        started += 1;
        active += 1;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 30));
        active -= 1;
        finished += 1;
      },
    });
    assert.equal(started, 1, 'the first run starts at once');
    await new Promise((r) => setTimeout(r, 100));
    await job.stop();
    assert.ok(started >= 2, `later ticks run again (${started})`);
    assert.equal(most, 1, 'no two runs overlap');
    assert.equal(finished, started, 'stop waited for the run in progress');
  });

  it('logs a failed run and tries again at the next tick', async () => {
    const { lines, logger } = logLines();
    let runs = 0;
    const job = startPeriodicJob({
      everyMs: 5,
      logger,
      failure: 'the test job failed',
      run: () => {
        runs += 1;
        return Promise.reject(new Error('boom'));
      },
    });
    await new Promise((r) => setTimeout(r, 40));
    await job.stop();
    assert.ok(runs >= 2, `it ran again after failing (${runs})`);
    assert.ok(lines.some((l) => l.includes('the test job failed') && l.includes('boom')));
  });
});
