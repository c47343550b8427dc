/**
 * The strings that load with their lazy pages (client/src/locales/<group>/, see client/src/i18n/pageStrings.ts):
 * every language has exactly the English keys and placeholders, no string is empty, each group keeps to
 * its own top-level keys, and no key is both in a group and in the main files.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

type Tree = { [key: string]: string | Tree };

const GROUPS: Record<string, string[]> = {
  rooms: ['rooms'],
  apply: ['apply'],
  signIn: ['signIn', 'enrol'],
  password: ['setPassword', 'forgot'],
  spaces: ['spaces'],
  settings: ['settings'],
  home: ['home'],
  moderation: ['moderation'],
  admin: ['admin'],
  documents: ['documents'],
  requests: ['requests'],
  experts: ['experts'],
  library: ['library'],
};

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') keys.set(path, value);
    else for (const [k, v] of flatten(value, path)) keys.set(k, v);
  }
  return keys;
}

const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../client/src/locales/${file}`, import.meta.url), 'utf8')) as Tree;

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe('strings loaded with their pages', () => {
  for (const [group, tops] of Object.entries(GROUPS)) {
    const english = flatten(read(`${group}/en.json`));

    it(`${group}: keeps to ${tops.join(', ')} and is not repeated in the main files`, () => {
      assert.deepEqual(Object.keys(read(`${group}/en.json`)).sort(), [...tops].sort());
      for (const language of ['en', 'fr', 'ar', 'es'])
        for (const top of tops)
          assert.equal(read(`${language}.json`)[top], undefined, `${top} also in ${language}.json`);
    });

    for (const language of ['fr', 'ar', 'es']) {
      it(`${group}: ${language} has exactly the English keys and placeholders`, () => {
        const translated = flatten(read(`${group}/${language}.json`));
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
  }
});
