/**
 * The library's vocabulary for the pages: the shared themes (plain data, no zod), the sections in
 * order, the languages offered, and how language codes are shown in the reader's language.
 */
export { EXPERT_TOPICS as LIBRARY_THEMES } from '../../../../shared/expertPool.js';
import { LANGUAGE_CODES as ALL_CODES } from '../../languages.js';
export { languageName } from '../../languages.js';

/** The interface's languages, offered first. */
const INTERFACE_LANGUAGES: readonly string[] = ['en', 'fr', 'ar', 'es'];

/** Languages the experts may list that are not (yet) offered for a record. */
const NOT_FOR_RECORDS = new Set(['ja', 'ko', 'ms', 'pl', 'ps', 'sr', 'sv']);

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
export const LANGUAGE_CODES: readonly string[] = [
  ...INTERFACE_LANGUAGES,
  ...ALL_CODES.filter((code) => !INTERFACE_LANGUAGES.includes(code) && !NOT_FOR_RECORDS.has(code)),
];
