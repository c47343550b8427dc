/**
 * The forum and search strings (client/src/locales/collab/), which load with those lazy pages: every
 * language has exactly the English keys and placeholders, and no string is empty.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [k, v] of flatten(value, path)) keys.set(k, v);
  }
  return keys;
}

const load = (language: string) =>
  flatten(
    JSON.parse(
      readFileSync(new URL(`../../client/src/locales/collab/${language}.json`, import.meta.url), 'utf8'),
    ) as Tree,
  );

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('forum and search translations', () => {
  const english = load('en');

  it('keeps every key under forums. or search.', () => {
    assert.deepEqual(
      [...english.keys()].filter((key) => !/^(forums|search)\./.test(key)),
      [],
    );
  });

  for (const language of ['fr', 'ar', 'es']) {
    it(`${language} has exactly the English keys and placeholders`, () => {
      const translated = load(language);
      assert.deepEqual(
        [...english.keys()].filter((key) => !translated.has(key)),
        [],
        'missing keys',
      );
      assert.deepEqual(
        [...translated.keys()].filter((key) => !english.has(key)),
        [],
        'extra keys',
      );
      for (const [key, text] of english) {
        assert.deepEqual(
          placeholders(translated.get(key) ?? ''),
          placeholders(text),
          `placeholders of ${key}`,
        );
        assert.notEqual((translated.get(key) ?? '').trim(), '', `${key} is empty`);
      }
    });
  }
});
