/**
 * Interface translations with i18next. The shell's English strings ship in the bundle (English is also
 * the fallback); French, Arabic and Spanish are separate chunks loaded when chosen, and the strings of
 * the lazy pages load with those pages (i18n/pageStrings.ts, and the forums' collabStrings.ts). The choice persists in localStorage and
 * otherwise follows the browser's languages. The document's `lang` and `dir` follow the language.
 */
import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { RTL_LANGUAGES, UI_LANGUAGES, type UiLanguage } from '../../shared/languages.js';
import { loadPageStringsIn } from './i18n/pageStrings.js';
import en from './locales/en.json' with { type: 'json' };

const STORAGE_KEY = 'concordia.language';

const lazyLocales: Record<Exclude<UiLanguage, 'en'>, () => Promise<{ default: ResourceKey }>> = {
  fr: () => import('./locales/fr.json', { with: { type: 'json' } }),
  ar: () => import('./locales/ar.json', { with: { type: 'json' } }),
  es: () => import('./locales/es.json', { with: { type: 'json' } }),
};

const lazyBackend: BackendModule = {
  type: 'backend',
  callbackApi: true,
  init: () => undefined,
  read(language, _namespace, callback) {
    const load = lazyLocales[language as keyof typeof lazyLocales];
    if (!load) return callback(null, {});
    load().then(
      (module) => callback(null, module.default),
      (error: unknown) => callback(error instanceof Error ? error : String(error), null),
    );
  },
};

/** True when `value` names one of the interface languages. */
export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled; the browser's languages still apply
  }
}

/** The language to start in: the stored choice, else the first browser language we ship, else English. */
export function initialLanguage(): UiLanguage {
  const stored = storedLanguage();
  if (isUiLanguage(stored)) return stored;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isUiLanguage(base)) return base;
  }
  return 'en';
}

/** Sets `<html lang dir>` so that screen readers, fonts and the layout follow the language. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** Starts i18next in the initial language; resolves once its strings are available. */
export async function startI18n(): Promise<void> {
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(lazyBackend)
    .use(initReactI18next)
    .init({
      lng: initialLanguage(),
      fallbackLng: 'en',
      supportedLngs: [...UI_LANGUAGES],
      load: 'languageOnly',
      resources: { en: { translation: en } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes what it renders
      react: { useSuspense: false },
    });
}

/** Switches the interface language (loading its strings first, the open pages' too) and remembers the choice. */
export async function chooseLanguage(language: UiLanguage): Promise<void> {
  // The main strings first: once a page's strings are added for a language, i18next counts it as
  // loaded and would never read its main file (the header and shell would stay in the old language).
  await i18next
    .loadLanguages(language)
    .catch((error: unknown) =>
      console.error('Interface strings could not be loaded; showing English where missing', error),
    );
  await loadPageStringsIn(language).catch((error: unknown) =>
    console.error('Page strings could not be loaded; showing English where missing', error),
  );
  await i18next.changeLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered when storage is disabled; the switch itself still applies.
  }
}
