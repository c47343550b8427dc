/** Building blocks shared by every API schema: identifiers, localized text, pagination, errors. */
import { z } from 'zod';
import { UI_LANGUAGES } from '../languages.js';
import { COUNTRY_CODES } from '../countries.js';

/** A URL-safe lower-case identifier such as `east-southern-africa`. */
export const Slug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens');

/** A MongoDB ObjectId as 24 hexadecimal characters. */
export const ObjectIdString = z.string().regex(/^[a-f0-9]{24}$/, 'a 24-character hexadecimal id');

/**
 * Human text must be well-formed Unicode (no lone surrogates, which storage would silently replace)
 * and free of bidirectional overrides, which can disguise a name. Joiners stay: scripts need them.
 */
const wellFormed = (s: string) => s.isWellFormed();
/* eslint-disable no-control-regex -- these patterns exist to refuse control characters */
const NO_CONTROLS_OR_BIDI = /^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]*$/;
const NO_CONTROLS_BUT_LINES =
  /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/;
/* eslint-enable no-control-regex */

/** What String.prototype.trim removes (JavaScript's white space and line terminators), as a class body. */
const TRIMMED = ' \\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/**
 * The pattern the document states for text: white space at either end (trimmed), and between the
 * first and last other character only characters outside `refused` (a character-class body).
 */
function textPattern(refused: string, required: boolean): string {
  const inner = `[^${refused}]`;
  const edge = `[^${refused}${TRIMMED}]`;
  return `^[${TRIMMED}]*(?:${edge}(?:${inner}*${edge})?)${required ? '' : '?'}[${TRIMMED}]*$`;
}
const LINE_REFUSED = '\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029';
const PARAGRAPHS_REFUSED =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069';

/** A single line of human text: trimmed, NFC-normalised, no control or bidi-override characters. */
export const Line = (max: number) =>
  z
    .string()
    .refine(wellFormed, 'not well-formed Unicode text')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z.string().min(1).max(max).regex(NO_CONTROLS_OR_BIDI, 'no control or direction-override characters'),
    )
    // The limits hold after normalisation; the API document states them for the input too.
    .meta({ minLength: 1, maxLength: max, pattern: textPattern(LINE_REFUSED, true) });

/** Multi-line human text: trimmed, NFC-normalised, no control characters but newlines and tabs. */
export const Paragraphs = (max: number) =>
  z
    .string()
    .refine(wellFormed, 'not well-formed Unicode text')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max).regex(NO_CONTROLS_BUT_LINES, 'no control or direction-override characters'))
    // The limits hold after normalisation; the API document states them for the input too.
    .meta({ maxLength: max, pattern: textPattern(PARAGRAPHS_REFUSED, false) });

/** The pattern the document states for {@link FilledParagraphs}, for schemas built around it. */
export const FILLED_PARAGRAPHS_PATTERN = textPattern(PARAGRAPHS_REFUSED, true);

/** {@link Paragraphs} that may not be empty once trimmed (`message` says what to write). */
export const FilledParagraphs = (max: number, message?: string) =>
  Paragraphs(max)
    .pipe(z.string().min(1, message))
    .meta({ minLength: 1, maxLength: max, pattern: FILLED_PARAGRAPHS_PATTERN });

/** A name given in the interface languages; English is required, the others optional. */
export const LocalizedText = z
  .object({
    en: Line(200),
    fr: Line(200).optional(),
    ar: Line(200).optional(),
    es: Line(200).optional(),
  })
  .strict();

/** One of the interface languages. */
export const UiLanguage = z.enum(UI_LANGUAGES);

/** An ISO 639-1 language code for the languages people speak and write in. */
export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'a two-letter ISO 639-1 code');

/** An ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z.enum([...COUNTRY_CODES] as [string, ...string[]], {
  error: 'an ISO 3166-1 alpha-2 country code such as KE or FR',
});

/** An e-mail address, normalised to lower case; the document states the pattern it must match. */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email())
  .meta({ maxLength: 254, pattern: `^\\s*${z.regexes.email.source.slice(1, -1)}\\s*$` });

/**
 * A pagination cursor returned by a previous page. Treat it as opaque; its shape is fixed so that the
 * pattern is exactly what the server accepts: the last item's id (24 hex digits), then, for lists
 * sorted by another field, `n` and a decimal number or `s` and a base64url string
 * (server/db/pagination.ts).
 */
export const Cursor = z
  .string()
  .max(2100)
  .regex(
    /^[a-f0-9]{24}(?:n-?[0-9]{1,15}(?:\.[0-9]{1,17})?|s[A-Za-z0-9_-]{0,2000})?$/,
    'a cursor returned by a previous page',
  )
  .meta({ id: 'Cursor' });

/** Query parameters every list accepts. */
export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** A page of items with the cursor for the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T, cursor: z.ZodString = Cursor) =>
  z.object({ items: z.array(item), nextCursor: cursor.nullable() });

/** An RFC 9457 problem document, the body of every error response. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    /** Stable and machine-readable: a specific reason (`label_above_ceiling`) or the general kind (`forbidden`). */
    code: z.string().optional(),
    /** The reason's parameters, for the client's translated sentence. */
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** The TypeScript shape of {@link Problem}. */
export type ProblemBody = z.infer<typeof Problem>;
