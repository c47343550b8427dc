/**
 * The batching behind the sockets' sharing cache and room reads (server/services/rooms/
 * batchLoader.ts): keys asked for in one turn share one query; keys asked while a query is on its
 * way wait for it and share the next one (so no answer predates its request); a failed query fails
 * each of its callers.
 */
import assert from 'node:assert/strict';
import { batchLoader, batchQueue } from '../../../server/db/batchLoader.js';

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

  it('groups the keys asked while a query is on its way into the next query, one query at a time', async () => {
    const queries: string[][] = [];
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const load = batchLoader(async (keys: string[]) => {
      queries.push(keys);
      running += 1;
      most = Math.max(most, running);
      if (queries.length === 1) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    });
    const first = load('a');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(queries, [['a']], 'the first query left at the end of its turn');
    // Asked over several turns while the first query is on its way.
    const later = [load('b')];
    await new Promise((resolve) => setImmediate(resolve));
    later.push(load('c'), load('b'));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(queries, [['a']], 'nothing more is sent while a query is on its way');
    release();
    assert.equal(await first, 'A');
    assert.deepEqual(await Promise.all(later), ['B', 'C', 'B']);
    assert.deepEqual(queries, [['a'], ['b', 'c']]);
    assert.equal(most, 1);
  });

  it('hands every item to exactly one batch, in order', async () => {
    const batches: number[][] = [];
    const add = batchQueue<number>(async (batch) => {
      batches.push(batch);
      await new Promise((resolve) => setImmediate(resolve));
    });
    for (let i = 0; i < 5; i++) {
      add(i);
      if (i % 2 === 1) await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(batches.flat(), [0, 1, 2, 3, 4]);
    assert.ok(batches.length >= 2 && batches.length < 5, JSON.stringify(batches));
  });

  it('goes on after a batch that throws, at once or later', async () => {
    const batches: number[][] = [];
    const add = batchQueue<number>((batch) => {
      batches.push(batch);
      if (batch.includes(1)) throw new Error('thrown at once');
      if (batch.includes(2)) return Promise.reject(new Error('rejected'));
      return Promise.resolve();
    });
    for (const item of [1, 2, 3]) {
      add(item);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(batches, [[1], [2], [3]]);
  });
});
