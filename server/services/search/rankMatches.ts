/**
 * Ranking of search candidates and the opaque cursor over the ranked order. An item ranks by the
 * number of distinct query terms it matches, then by the terms its title matches, then by the terms
 * matched through a surface form or stem (not only an Arabic root), then newest first. The cursor
 * carries the last item's rank key, so the next page starts strictly after it.
 */
import { InvalidError } from '../../errors.js';
import { SEARCH_TYPES, type SearchType } from '../../../shared/schemas/search.js';
import type { WordKeys } from '../../../shared/search/tokens.js';

/** Where an item stands in the ranked order. */
export interface RankKey {
  /** Distinct query terms matched. */
  matched: number;
  /** Distinct query terms matched in the title. */
  inTitle: number;
  /** Distinct query terms matched by a surface form or stem. */
  strong: number;
  /** Creation time in milliseconds. */
  createdAt: number;
  type: SearchType;
  id: string;
}

const hits = (term: WordKeys, tokens: ReadonlySet<string>, weak: boolean) =>
  term.strong.some((k) => tokens.has(k)) || (weak && term.weak.some((k) => tokens.has(k)));

/** The rank key of an item from its stored tokens and its title's tokens. */
export function rankKey(
  terms: WordKeys[],
  item: {
    tokens: ReadonlySet<string>;
    titleTokens: ReadonlySet<string>;
    createdAt: Date;
    type: SearchType;
    id: string;
  },
): RankKey {
  return {
    matched: terms.filter((t) => hits(t, item.tokens, true)).length,
    inTitle: terms.filter((t) => hits(t, item.titleTokens, true)).length,
    strong: terms.filter((t) => hits(t, item.tokens, false)).length,
    createdAt: item.createdAt.getTime(),
    type: item.type,
    id: item.id,
  };
}

/** Negative when `a` ranks before `b`. A total order: ties end on type and id. */
export function compareRank(a: RankKey, b: RankKey): number {
  return (
    b.matched - a.matched ||
    b.inTitle - a.inTitle ||
    b.strong - a.strong ||
    b.createdAt - a.createdAt ||
    SEARCH_TYPES.indexOf(a.type) - SEARCH_TYPES.indexOf(b.type) ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** The cursor after an item: `<id>r<matched>-<inTitle>-<strong>-<createdAt>-<type>` (SearchCursor). */
export function encodeRankCursor(key: RankKey): string {
  return `${key.id}r${key.matched}-${key.inTitle}-${key.strong}-${key.createdAt}-${key.type}`;
}

const RANK_CURSOR = /^([a-f0-9]{24})r([0-9]{1,4})-([0-9]{1,4})-([0-9]{1,4})-([0-9]{1,15})-([a-z]+)$/;
const small = (v: number) => Number.isInteger(v) && v >= 0 && v <= 1000;

/** Reads a cursor of the shape SearchCursor states (shared/schemas/search.ts); anything else is a clear 400. */
export function decodeRankCursor(cursor: string): RankKey {
  const match = RANK_CURSOR.exec(cursor);
  if (match) {
    const [, id = '', m, t, s, c, type] = match;
    const [matched, inTitle, strong, createdAt] = [m, t, s, c].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    if (small(matched) && small(inTitle) && small(strong) && SEARCH_TYPES.includes(type as SearchType))
      return { matched, inTitle, strong, createdAt, type: type as SearchType, id };
  }
  throw new InvalidError('The cursor is not one this search returned.', [
    { path: 'cursor', message: 'not a valid cursor' },
  ]);
}
