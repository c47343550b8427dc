/**
 * The library's vocabulary for the pages: the shared themes (plain data, no zod), the sections in
 * order, the languages offered, and how language codes are shown in the reader's language.
 */
export { EXPERT_TOPICS as LIBRARY_THEMES } from '../../../../shared/expertPool.js';

/** The labels a record may carry, GREEN (the default) first. */
export const RECORD_LABELS = ['GREEN', 'CLEAR'] as const;

/** The structured sections of a record, in order (shared/schemas/library.ts LIBRARY_SECTIONS). */
export const SECTIONS = ['problem', 'approach', 'actors', 'resources', 'results', 'transferability'] as const;

/** The text fields of a record, in the form's order. */
export const TEXT_FIELDS = ['title', 'summary', ...SECTIONS] as const;

/** One text field. */
export type TextField = (typeof TEXT_FIELDS)[number];

/** The text fields that must not be empty. */
export const REQUIRED_FIELDS: readonly TextField[] = ['title', 'problem', 'approach'];

/** Languages offered for a record and its translations (ISO 639-1); the interface's four first. */
export const LANGUAGE_CODES = [
  'en',
  'fr',
  'ar',
  'es',
  'bn',
  'de',
  'fa',
  'ha',
  'hi',
  'id',
  'it',
  'nl',
  'pt',
  'ru',
  'so',
  'sq',
  'sw',
  'tr',
  'uk',
  'ur',
  'zh',
] as const;

const names = new Map<string, Intl.DisplayNames>();

/** The language's name in `reader` (`fr` -> "French", "français"); the code itself if unknown. */
export function languageName(code: string, reader: string): string {
  let shown = names.get(reader);
  if (!shown) {
    shown = new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' });
    names.set(reader, shown);
  }
  try {
    return shown.of(code) ?? code;
  } catch {
    return code;
  }
}
