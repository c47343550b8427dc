/**
 * The Expert Pool's vocabulary for the pages: the shared terms (topics, formats, proficiencies,
 * availabilities) and how codes are shown in the reader's language (Intl for languages and countries).
 */
export {
  AVAILABILITIES,
  EXPERT_FORMATS,
  EXPERT_TOPICS,
  PROFICIENCIES,
} from '../../../../shared/expertPool.js';
export { LABELS } from '../../../../shared/policy/labels.js';

const languageNames = new Map<string, Intl.DisplayNames>();

/** The language's name in `reader` (`fr` -> "French", "français"); the code itself if unknown. */
export function languageName(code: string, reader: string): string {
  let names = languageNames.get(reader);
  if (!names) {
    names = new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' });
    languageNames.set(reader, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages offered in the profile's and the directory's pickers (ISO 639-1), by their code. */
export const LANGUAGE_CODES = [
  'ar',
  'bn',
  'de',
  'en',
  'es',
  'fa',
  'fr',
  'ha',
  'hi',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'nl',
  'pl',
  'ps',
  'pt',
  'ru',
  'so',
  'sq',
  'sr',
  'sv',
  'sw',
  'tr',
  'uk',
  'ur',
  'zh',
] as const;

/** The IANA time zones this browser knows (UTC first). */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  return ['UTC', ...known.filter((zone) => zone !== 'UTC')];
}

/** Splits a comma- or line-separated list, trimmed, without empty entries. */
export function splitList(text: string, upper = false): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => (upper ? item.trim().toUpperCase() : item.trim()))
    .filter((item) => item !== '');
}
