/**
 * Strings that travel with their lazy pages instead of the main bundle: each group's file per language
 * (client/src/locales/<group>/<language>.json) is fetched with the page's own chunk and added to
 * i18next's `translation` namespace. English (the fallback) and the current language are loaded; a
 * language switch first loads every group already in use (see `chooseLanguage` in i18n.ts).
 */
import i18next from 'i18next';
import type { UiLanguage } from '../../../shared/languages.js';

type Strings = { default: Record<string, unknown> };
type Loaders = Record<UiLanguage, () => Promise<Strings>>;

/** Each group's files; the `import()`s are what put them in chunks of their own. */
const GROUPS = {
  rooms: {
    en: () => import('../locales/rooms/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/rooms/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/rooms/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/rooms/es.json', { with: { type: 'json' } }),
  },
  apply: {
    en: () => import('../locales/apply/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/apply/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/apply/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/apply/es.json', { with: { type: 'json' } }),
  },
  signIn: {
    en: () => import('../locales/signIn/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/signIn/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/signIn/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/signIn/es.json', { with: { type: 'json' } }),
  },
  password: {
    en: () => import('../locales/password/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/password/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/password/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/password/es.json', { with: { type: 'json' } }),
  },
  settings: {
    en: () => import('../locales/settings/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/settings/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/settings/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/settings/es.json', { with: { type: 'json' } }),
  },
  spaces: {
    en: () => import('../locales/spaces/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/spaces/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/spaces/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/spaces/es.json', { with: { type: 'json' } }),
  },
  moderation: {
    en: () => import('../locales/moderation/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/moderation/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/moderation/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/moderation/es.json', { with: { type: 'json' } }),
  },
  admin: {
    en: () => import('../locales/admin/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/admin/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/admin/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/admin/es.json', { with: { type: 'json' } }),
  },
  documents: {
    en: () => import('../locales/documents/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/documents/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/documents/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/documents/es.json', { with: { type: 'json' } }),
  },
  home: {
    en: () => import('../locales/home/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/home/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/home/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/home/es.json', { with: { type: 'json' } }),
  },
  requests: {
    en: () => import('../locales/requests/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/requests/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/requests/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/requests/es.json', { with: { type: 'json' } }),
  },
  experts: {
    en: () => import('../locales/experts/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/experts/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/experts/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/experts/es.json', { with: { type: 'json' } }),
  },
  library: {
    en: () => import('../locales/library/en.json', { with: { type: 'json' } }),
    fr: () => import('../locales/library/fr.json', { with: { type: 'json' } }),
    ar: () => import('../locales/library/ar.json', { with: { type: 'json' } }),
    es: () => import('../locales/library/es.json', { with: { type: 'json' } }),
  },
} satisfies Record<string, Loaders>;

/**
 * A group of page strings: `rooms` (rooms.*), `apply` (apply.*), `signIn` (signIn.*, enrol.*),
 * `password` (setPassword.*, forgot.*), `settings` (settings.*), `spaces` (spaces.*), `moderation`
 * (moderation.*), `admin` (admin.*), `documents` (documents.*), `home` (home.*), `experts` (experts.*),
 * `requests` (requests.*), `library` (library.*).
 */
export type PageStringGroup = keyof typeof GROUPS;

const inUse = new Set<PageStringGroup>();
const loading = new Map<string, Promise<void>>();

/** Adds `group`'s strings in `language` once (a failed file may be fetched again later). */
function loadOne(group: PageStringGroup, language: string): Promise<void> {
  const load = (GROUPS[group] as Partial<Record<string, () => Promise<Strings>>>)[language];
  if (!load) return Promise.resolve();
  const id = `${group}/${language}`;
  let pending = loading.get(id);
  if (!pending) {
    pending = load().then((module) => {
      i18next.addResourceBundle(language, 'translation', module.default, true, false);
    });
    pending.catch(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/** The current interface language. */
function currentLanguage(): string {
  return i18next.resolvedLanguage ?? i18next.language ?? 'en';
}

/**
 * Loads `group` in English and the current language; resolves when both are there. A failure is
 * logged and the page still opens (showing the keys that are missing).
 */
export function loadPageStrings(group: PageStringGroup): Promise<void> {
  inUse.add(group);
  const languages = [...new Set(['en', currentLanguage()])];
  return Promise.all(languages.map((language) => loadOne(group, language))).then(
    () => undefined,
    (error: unknown) => console.error(`The ${group} strings could not be loaded`, error),
  );
}

/** Loads every group in use in `language` (before switching to it). */
export function loadPageStringsIn(language: string): Promise<void> {
  return Promise.all([...inUse].map((group) => loadOne(group, language))).then(() => undefined);
}

/** `load()` of a lazy page together with its strings (one group or several), fetched in parallel. */
export function withPageStrings<M>(
  groups: PageStringGroup | PageStringGroup[],
  load: () => Promise<M>,
): Promise<M> {
  const strings = (Array.isArray(groups) ? groups : [groups]).map(loadPageStrings);
  return Promise.all([load(), ...strings]).then(([module]) => module);
}
