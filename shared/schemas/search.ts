/** Search across content types (GET /search): the query and the result shapes. No totals, ever. */
import { z } from 'zod';
import { CONTENT_LANGUAGES } from '../languages.js';
import { LABELS } from '../policy/labels.js';
import { Line, ObjectIdString, Slug, pageOf } from './common.js';

/** The searchable content types (search sources on the server). */
export const SEARCH_TYPES = ['post', 'message', 'document', 'request', 'library'] as const;

/** One of {@link SEARCH_TYPES}. */
export type SearchType = (typeof SEARCH_TYPES)[number];

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;

/** The most distinct words a query may have. */
export const MAX_QUERY_TERMS = 12;

/** A comma-separated list of content types, e.g. `post,message`; duplicates collapse. */
const TypeList = z
  .string()
  .max(100)
  .transform((s) => [...new Set(s.split(',').map((t) => t.trim()))])
  .pipe(z.array(z.enum(SEARCH_TYPES, { error: `one of ${SEARCH_TYPES.join(', ')}` })).min(1))
  .meta({
    maxLength: 100,
    pattern: `^\\s*(?:${SEARCH_TYPES.join('|')})\\s*(?:,\\s*(?:${SEARCH_TYPES.join('|')})\\s*)*$`,
  });

/**
 * The cursor of a search page: the last result's id, then `r` and its rank key (terms matched, terms
 * in the title, strong matches, each 0 to 1000; creation time in milliseconds; type), dash-separated.
 * Exactly what server/services/search/rankMatches.ts accepts.
 */
export const SearchCursor = z
  .string()
  .regex(
    new RegExp(
      `^[a-f0-9]{24}r(?:1000|[0-9]{1,3})-(?:1000|[0-9]{1,3})-(?:1000|[0-9]{1,3})-[0-9]{1,15}-(?:${SEARCH_TYPES.join('|')})$`,
    ),
    'a cursor returned by a previous page of this search',
  )
  .meta({ id: 'SearchCursor' });

/** The query of GET /search. */
export const SearchRequest = z
  .object({
    q: Line(MAX_QUERY_LENGTH),
    language: z.enum(CONTENT_LANGUAGES).optional(),
    types: TypeList.optional(),
    cursor: SearchCursor.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

/**
 * One search result: where it lives, its label, its own title (HTML-escaped, matches in <mark>)
 * and an excerpt of its own text around the first match. Never an author: the result list leaves
 * the item's context, so the Chatham House Rule is kept by naming nobody.
 */
export const SearchResult = z
  .object({
    type: z.enum(SEARCH_TYPES),
    id: ObjectIdString,
    /** The space (for a message, its room: the room id is the space id). */
    space: z.object({ id: ObjectIdString, slug: Slug, name: z.string() }),
    label: z.enum(LABELS),
    language: z.enum(CONTENT_LANGUAGES).nullable(),
    title: z.string().nullable(),
    titleHtml: z.string().nullable(),
    excerptHtml: z.string(),
    /** When the item was written; for a published library record, when it was published. */
    createdAt: z.string(),
    /**
     * The forum topic the result opens (`/forums/topics/<topic>`): a reply's topic, a topic's own
     * id; null for everything else. Taken from the item's own fields only.
     */
    topic: ObjectIdString.nullable(),
  })
  .meta({ id: 'SearchResult' });

/** A page of search results: no totals, facets or counts, only a cursor for more. */
export const SearchPage = pageOf(SearchResult, SearchCursor);
