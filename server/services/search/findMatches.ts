/**
 * The search road shared by every search endpoint: query → terms (400 when none or too many) →
 * per source, the newest matching items the actor may read, through the token index with the
 * readable filter in the query itself (server/policy/contentAccess.ts) → ranked in memory → one page
 * after the cursor. Only the readable candidate set is ever ranked, so no total, order or snippet
 * can reveal an unreadable item.
 */
import type { Types } from 'mongoose';
import { contentLanguageOf, type ContentLanguage } from '../../../shared/languages.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { MAX_QUERY_TERMS, type SearchType } from '../../../shared/schemas/search.js';
import { indexTokens, queryTerms, type WordKeys } from '../../../shared/search/tokens.js';
import { findReadableMatches } from '../../policy/contentAccess.js';
import { InvalidError } from '../../errors.js';
import { compareRank, decodeRankCursor, encodeRankCursor, rankKey, type RankKey } from './rankMatches.js';
import { sourcesOf, type SearchSource } from './sources.js';

/** At most this many of the newest matches per source are ranked (FerretDB has no ranking aggregation). */
export const CANDIDATES_PER_SOURCE = 200;

/** The fields of a candidate read for ranking and snippets. */
export interface SearchDoc {
  _id: Types.ObjectId;
  spaceId: Types.ObjectId;
  label: string;
  language?: string | null;
  createdAt: Date;
  tokens: string[];
  [field: string]: unknown;
}

/** One ranked, readable match. */
export interface RankedMatch {
  source: SearchSource;
  doc: SearchDoc;
  key: RankKey;
}

/** What a search asks for. */
export interface MatchRequest {
  q: string;
  language?: ContentLanguage;
  types?: readonly SearchType[];
  cursor?: string;
  limit: number;
}

/** The terms of a query, or a clear 400. */
export function termsOf(q: string, language?: ContentLanguage): WordKeys[] {
  const terms = queryTerms(q, language);
  if (terms.length === 0)
    throw new InvalidError('The query has no word to search for.', [
      { path: 'q', message: 'give at least one word of two or more letters or digits' },
    ]);
  if (terms.length > MAX_QUERY_TERMS)
    throw new InvalidError(`The query has too many words (at most ${MAX_QUERY_TERMS}).`, [
      { path: 'q', message: `at most ${MAX_QUERY_TERMS} distinct words` },
    ]);
  return terms;
}

function titleOf(source: SearchSource, doc: SearchDoc): string | null {
  const title = source.titleField ? doc[source.titleField] : null;
  return typeof title === 'string' ? title : null;
}

/**
 * The text fields of a candidate: its title (or null) and the texts its excerpt may come from, the
 * body first (see {@link SearchSource.excerptFields}); empty ones are left out.
 */
export function textsOf(source: SearchSource, doc: SearchDoc): { title: string | null; texts: string[] } {
  const texts = [source.bodyField, ...source.excerptFields]
    .map((field) => doc[field])
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return { title: titleOf(source, doc), texts };
}

async function candidates(ctx: SharingContext, source: SearchSource, keys: string[], terms: WordKeys[]) {
  const fields = ['_id', 'spaceId', 'label', 'language', 'createdAt', 'tokens', source.bodyField];
  fields.push(...source.excerptFields, ...source.linkFields);
  if (source.titleField) fields.push(source.titleField);
  const docs = await findReadableMatches<SearchDoc>(
    ctx,
    source.subject,
    { tokens: { $in: keys } },
    CANDIDATES_PER_SOURCE,
    Object.fromEntries(fields.map((f) => [f, 1])),
  );
  return docs.map((doc): RankedMatch => {
    const title = titleOf(source, doc);
    const titleTokens = new Set(
      title ? indexTokens([title], contentLanguageOf(doc.language) ?? null).tokens : [],
    );
    const key = rankKey(terms, {
      tokens: new Set(doc.tokens),
      titleTokens,
      createdAt: doc.createdAt,
      type: source.type,
      id: String(doc._id),
    });
    return { source, doc, key };
  });
}

/** One ranked page of readable matches, with the query's terms (for snippets) and the next cursor. */
export async function findMatches(
  ctx: SharingContext,
  request: MatchRequest,
): Promise<{ terms: WordKeys[]; items: RankedMatch[]; nextCursor: string | null }> {
  const terms = termsOf(request.q, request.language);
  const after = request.cursor ? decodeRankCursor(request.cursor) : null;
  const keys = [...new Set(terms.flatMap((t) => [...t.strong, ...t.weak]))];
  const found = await Promise.all(sourcesOf(request.types).map((s) => candidates(ctx, s, keys, terms)));
  const ranked = found
    .flat()
    .filter((m) => m.key.matched > 0)
    .sort((a, b) => compareRank(a.key, b.key))
    .filter((m) => !after || compareRank(m.key, after) > 0);
  const items = ranked.slice(0, request.limit);
  const last = items.at(-1);
  return {
    terms,
    items,
    nextCursor: ranked.length > request.limit && last ? encodeRankCursor(last.key) : null,
  };
}
