import assert from 'node:assert/strict';
import { groupBy } from '../../shared/groupBy.js';

describe('groupBy', () => {
  it('groups by key, keeping the items’ order in each group and the groups’ first-seen order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (item) => item[0]);
    assert.deepEqual(
      [...groups],
      [
        ['b', ['b1', 'b2']],
        ['a', ['a1', 'a2']],
        ['c', ['c1']],
      ],
    );
    assert.equal(groupBy([], (item: string) => item).size, 0);
  });
});
