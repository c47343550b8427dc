/**
 * A former member's name: the server sends `name: null` (never English words) and the forum and post
 * pages say "former member" in the reader's language (client/src/pages/forums/format.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { authorName } from '../../client/src/pages/forums/format.js';

const collab = (language: string) =>
  JSON.parse(
    readFileSync(new URL(`../../client/src/locales/collab/${language}.json`, import.meta.url), 'utf8'),
  ) as Record<string, unknown>;

describe('former members', () => {
  it('are named in the reader language; a Chatham House author stays anonymous', async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      resources: Object.fromEntries(['en', 'fr', 'ar', 'es'].map((l) => [l, { translation: collab(l) }])),
    });
    const former = { id: 'a'.repeat(24), name: null };
    const named = { id: 'b'.repeat(24), name: 'Wanjiru Kamau' };
    const said = (language: string) => authorName(former, instance.getFixedT(language));
    assert.deepEqual(['en', 'fr', 'ar', 'es'].map(said), [
      'former member',
      'ancien membre',
      'عضو سابق',
      'antiguo miembro',
    ]);
    assert.equal(authorName(named, instance.getFixedT('fr')), 'Wanjiru Kamau');
    assert.notEqual(authorName(null, instance.getFixedT('fr')), said('fr'));
  });
});
