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

/** A single line of human text: trimmed, no control characters. */
export const Line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'no control characters');

/** Multi-line human text: trimmed, no control characters but newlines and tabs. */
export const Paragraphs = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'no control characters');

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
export const CountryCode = z
  .string()
  .length(2)
  .refine((code) => COUNTRY_CODES.has(code), 'an ISO 3166-1 alpha-2 country code such as KE or FR');

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
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

/** The TypeScript shape of {@link Problem}. */
export type ProblemBody = z.infer<typeof Problem>;
