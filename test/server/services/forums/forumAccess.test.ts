import assert from 'node:assert/strict';
import { categoryOrder, forumOrder } from '../../../../server/services/forums/forumAccess.js';

describe('forum sort keys', () => {
  it('put pinned topics first, then the latest activity first, as plain ascending strings', () => {
    const t = (iso: string) => new Date(iso);
    const keys = [
      ['old pinned', forumOrder(true, t('2020-01-01T00:00:00Z'))],
      ['new', forumOrder(false, t('2026-05-01T10:00:00.001Z'))],
      ['new pinned', forumOrder(true, t('2026-05-01T10:00:00Z'))],
      ['older', forumOrder(false, t('2026-05-01T10:00:00Z'))],
      ['oldest', forumOrder(false, t('1999-12-31T23:59:59Z'))],
    ] as const;
    const sorted = [...keys].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map((k) => k[0]);
    assert.deepEqual(sorted, ['new pinned', 'old pinned', 'new', 'older', 'oldest']);
    assert.ok(keys.every(([, key]) => key.length === 17));
  });

  it('order categories by position, then slug', () => {
    const sorted = [categoryOrder(10, 'a'), categoryOrder(2, 'z'), categoryOrder(2, 'b')].sort();
    assert.deepEqual(sorted, ['00002-b', '00002-z', '00010-a']);
  });
});
