/** The client's translations: every language has every key, and the principles match their version. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PRINCIPLES_EN, PRINCIPLES_VERSION } from '../../shared/principles.js';

type Tree = { [key: string]: string | Tree };

function load(language: string): Tree {
  return JSON.parse(
    readFileSync(new URL(`../../client/src/locales/${language}.json`, import.meta.url), 'utf8'),
  ) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [k, v] of flatten(value, path)) keys.set(k, v);
  }
  return keys;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('client translations', () => {
  const english = flatten(load('en'));

  for (const language of ['fr', 'ar', 'es']) {
    it(`${language} has exactly the English keys, the same placeholders, and the current principles`, () => {
      const translated = flatten(load(language));
      const principles = [...translated.keys()].filter((key) => key.startsWith('principles.'));
      const rest = new Set([...translated.keys()].filter((key) => !key.startsWith('principles.')));
      assert.deepEqual(
        [...english.keys()].filter((key) => !rest.has(key)),
        [],
        'missing keys',
      );
      assert.deepEqual(
        [...rest].filter((key) => !english.has(key)),
        [],
        'keys English does not have',
      );
      for (const [key, text] of english) {
        assert.deepEqual(
          placeholders(translated.get(key) ?? ''),
          placeholders(text),
          `placeholders of ${key}`,
        );
        assert.notEqual((translated.get(key) ?? '').trim(), '', `${key} is empty`);
      }
      assert.equal(translated.get('principles.version'), PRINCIPLES_VERSION);
      assert.equal(
        principles.length,
        PRINCIPLES_EN.length + 1,
        'one translation per principle, plus the version',
      );
      PRINCIPLES_EN.forEach((_, index) => assert.ok(translated.get(`principles.${index + 1}`)));
    });
  }
});
