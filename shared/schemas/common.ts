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
    .meta({ minLength: 1, maxLength: max });

/** Multi-line human text: trimmed, NFC-normalised, no control characters but newlines and tabs. */
export const Paragraphs = (max: number) =>
  z
    .string()
    .refine(wellFormed, 'not well-formed Unicode text')
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max).regex(NO_CONTROLS_BUT_LINES, 'no control or direction-override characters'))
    // The limits hold after normalisation; the API document states them for the input too.
    .meta({ maxLength: max });

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

/** An e-mail address, normalised to lower case. */
export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

/** An opaque pagination cursor returned by a previous page. */
export const Cursor = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor returned by a previous page');

/** Query parameters every list accepts. */
export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** A page of items with the cursor for the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: Cursor.nullable() });

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
