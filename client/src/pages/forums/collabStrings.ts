/**
 * The strings of the forum and search pages (`forums.*`, `search.*`) travel with those lazily loaded
 * pages rather than in the main bundle: each language's file (client/src/locales/collab/) is added to
 * i18next's `translation` namespace when a page of theirs first renders and when the language changes.
 */
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation, type UseTranslationResponse } from 'react-i18next';

type Strings = { default: Record<string, unknown> };

const loaders: Record<string, () => Promise<Strings>> = {
  en: () => import('../../locales/collab/en.json', { with: { type: 'json' } }),
  fr: () => import('../../locales/collab/fr.json', { with: { type: 'json' } }),
  ar: () => import('../../locales/collab/ar.json', { with: { type: 'json' } }),
  es: () => import('../../locales/collab/es.json', { with: { type: 'json' } }),
};

const loading = new Map<string, Promise<void>>();

/** Adds the strings of `language` (and of English, the fallback) once; resolves when they are there. */
export function loadCollabStrings(language: string): Promise<void> {
  const wanted = [...new Set(['en', language])].filter((code) => code in loaders);
  return Promise.all(
    wanted.map((code) => {
      let pending = loading.get(code);
      if (!pending) {
        pending = (loaders[code] as () => Promise<Strings>)().then((module) => {
          i18next.addResourceBundle(code, 'translation', module.default, true, false);
        });
        pending.catch(() => loading.delete(code)); // a failed chunk may be tried again
        loading.set(code, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/**
 * `useTranslation()` for the forum and search pages: `ready` is false until the strings of the current
 * language are loaded, and the component renders again when they arrive.
 */
export function useCollabTranslation(): UseTranslationResponse<'translation', undefined> & {
  ready: boolean;
} {
  const translation = useTranslation();
  const language = translation.i18n.resolvedLanguage ?? translation.i18n.language;
  const [loaded, setLoaded] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadCollabStrings(language).then(
      () => live && setLoaded(language),
      (error: unknown) => {
        console.error('The forum strings could not be loaded; showing keys', error);
        if (live) setLoaded(language);
      },
    );
    return () => {
      live = false;
    };
  }, [language]);
  return Object.assign(translation, { ready: loaded === language });
}
