/**
 * The cursor the API document states is exactly the cursor the server takes: every string the
 * `Cursor` schema accepts reads a page (never a 400), every string it refuses is refused by the
 * server too, and the cursors the server hands out match the schema. Real database.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Model } from 'mongoose';
import { Cursor } from '../../../shared/schemas/common.js';
import { CityModel } from '../../../server/models/City.js';
import { pageOfList, readPage } from '../../../server/db/pagination.js';
import { InvalidError } from '../../../server/errors.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';

const hex = fc.stringMatching(/^[a-f0-9]{24}$/);
const wellFormed = fc.oneof(
  hex,
  fc.tuple(hex, fc.integer({ min: -1e12, max: 1e12 })).map(([i, n]) => `${i}n${n}`),
  fc.tuple(hex, fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)).map(([i, s]) => `${i}s${s}`),
);

describe('pagination cursors', () => {
  const cities = CityModel as unknown as Model<never>;
  before(async () => {
    await resetDatabase();
    await seedDirectory();
  });

  it('reads a page for every cursor of the documented shape, in lists sorted by id and by name', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (cursor) => {
        assert.equal(Cursor.safeParse(cursor).success, true, cursor);
        for (const sortField of ['_id', 'name'])
          await readPage(cities, { filters: [], sortField, limit: 2, cursor });
        pageOfList([1, 2, 3], cursor, 2);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses what the schema refuses, such as `0` or a forged JSON cursor', async () => {
    for (const cursor of [
      '0',
      'abc',
      `${'0'.repeat(24)}x1`,
      Buffer.from('{"v":1,"i":"x"}').toString('base64url'),
    ]) {
      assert.equal(Cursor.safeParse(cursor).success, false, cursor);
      await assert.rejects(
        readPage(cities, { filters: [], sortField: 'name', limit: 2, cursor }),
        InvalidError,
      );
    }
  });

  it('hands out cursors that match the schema and continue the list', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await readPage<{ _id: never; name: string }>(cities, {
        filters: [],
        sortField: 'name',
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
      if (cursor) assert.equal(Cursor.safeParse(cursor).success, true, cursor);
    } while (cursor);
    assert.equal(seen.length, await CityModel.countDocuments());
    assert.deepEqual(seen, [...seen].sort());
    const list = pageOfList(['a', 'b', 'c'], undefined, 2);
    assert.ok(list.nextCursor && Cursor.safeParse(list.nextCursor).success);
    assert.deepEqual(pageOfList(['a', 'b', 'c'], list.nextCursor, 2).items, ['c']);
  });
});
