/**
 * The per-turn batching behind the sockets' sharing cache and room reads
 * (server/services/rooms/batchLoader.ts): keys asked for in one turn share one query, a later turn
 * gets its own (so no answer predates its request), and a failed query fails each of its callers.
 */
import assert from 'node:assert/strict';
import { batchLoader } from '../../../server/services/rooms/batchLoader.js';

describe('sockets: reads of one turn share one query', () => {
  it('asks once for the keys of one turn, once more for the next turn', async () => {
    const queries: string[][] = [];
    const load = batchLoader(async (keys: string[]) => {
      queries.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    });
    const first = await Promise.all([load('a'), load('b'), load('a'), load('missing')]);
    assert.deepEqual(first, ['A', 'B', 'A', undefined]);
    assert.deepEqual(await load('c'), 'C');
    assert.deepEqual(queries, [['a', 'b', 'missing'], ['c']]);
  });

  it('fails every caller of a failed query, and the next turn asks again', async () => {
    let calls = 0;
    const load = batchLoader(async (keys: string[]) => {
      calls++;
      if (calls === 1) throw new Error('database down');
      return new Map(keys.map((k) => [k, k]));
    });
    const results = await Promise.allSettled([load('x'), load('y')]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(await load('x'), 'x');
    assert.equal(calls, 2);
  });
});
