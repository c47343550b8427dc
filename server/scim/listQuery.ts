/**
 * List requests and responses (RFC 7644 §3.4.2): `filter`, 1-based `startIndex` (below 1 counts as 1),
 * `count` (negative counts as 0; above the maximum, the maximum), `attributes` and
 * `excludedAttributes`; the ListResponse with totalResults, itemsPerPage and startIndex.
 */
import { parseFilter, type Filter } from './filterParser.js';
import { badRequest } from './scimError.js';
import { URN } from './schemaDefinitions.js';

/** The most resources one page holds (also advertised in ServiceProviderConfig). */
export const MAX_PAGE = 200;

/** A parsed list request. */
export interface ListQuery {
  filter: Filter | null;
  startIndex: number;
  count: number;
  attributes: string[] | null;
  excludedAttributes: string[];
}

function one(query: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key ? query[key] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('invalidValue', `Give '${name}' once.`);
  return value;
}

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^-?\d{1,9}$/.test(text)) throw badRequest('invalidValue', `'${name}' must be an integer.`);
  return Number(text);
}

function names(text: string | undefined): string[] | null {
  if (text === undefined || text.trim() === '') return null;
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length > 50 || list.some((n) => n.length > 200))
    throw badRequest('invalidValue', 'Too many attribute names.');
  return list;
}

/** Reads a list request's query (also the attribute selection of a single read: `list` false). */
export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const filterText = one(query, 'filter');
  const start = integer(one(query, 'startIndex'), 'startIndex');
  const count = integer(one(query, 'count'), 'count');
  return {
    filter: filterText === undefined ? null : parseFilter(filterText),
    startIndex: Math.max(1, start ?? 1),
    count: Math.min(MAX_PAGE, Math.max(0, count ?? MAX_PAGE)),
    attributes: names(one(query, 'attributes')),
    excludedAttributes: names(one(query, 'excludedAttributes')) ?? [],
  };
}

/**
 * Keeps what `attributes`/`excludedAttributes` ask for (by top-level name or `name.sub`, any case;
 * extension attributes by their URN-prefixed name). `id`, `userName`, `schemas` and `meta` are always returned.
 */
export function selectAttributes(
  resource: Record<string, unknown>,
  attributes: string[] | null,
  excluded: string[],
): Record<string, unknown> {
  if (!attributes && excluded.length === 0) return resource;
  // Attributes returned 'always' (RFC 7643 §7), whatever the selection.
  const always = new Set(['id', 'schemas', 'meta', 'username']);
  const heads = (list: string[]) =>
    list.map((n) => {
      const bare = n.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '');
      if (/^urn:/i.test(bare)) {
        const cut = bare.lastIndexOf(':');
        return {
          ext: bare.slice(0, cut).toLowerCase(),
          name: (bare.slice(cut + 1).split('.')[0] ?? '').toLowerCase(),
        };
      }
      return { ext: null, name: (bare.split('.')[0] ?? '').toLowerCase() };
    });
  const wanted = attributes ? heads(attributes) : null;
  const dropped = heads(excluded);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    const lower = key.toLowerCase();
    if (always.has(lower)) {
      out[key] = value;
      continue;
    }
    if (lower.startsWith('urn:') && value && typeof value === 'object') {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const match = (h: { ext: string | null; name: string }) =>
          (h.ext === lower && h.name === k.toLowerCase()) || (h.ext === null && h.name === lower);
        if ((!wanted || wanted.some(match)) && !dropped.some(match)) inner[k] = v;
      }
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    const match = (h: { ext: string | null; name: string }) => h.ext === null && h.name === lower;
    if ((!wanted || wanted.some(match)) && !dropped.some(match)) out[key] = value;
  }
  return out;
}

/** A ListResponse. */
export function listResponse(
  resources: Record<string, unknown>[],
  totalResults: number,
  startIndex: number,
): Record<string, unknown> {
  return {
    schemas: [URN.listResponse],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  };
}

/** The SearchRequest message URN (POST `.search`, RFC 7644 §3.4.3). */
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const SEARCH_MEMBERS = [
  'schemas',
  'attributes',
  'excludedAttributes',
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
];

/** Reads a POST `.search` body into the same list request as a GET's query. */
export function parseSearchRequest(body: unknown): ListQuery {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('invalidSyntax', 'The body must be a SearchRequest object.');
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const name = SEARCH_MEMBERS.find((m) => m.toLowerCase() === key.toLowerCase());
    if (!name) throw badRequest('invalidSyntax', `Unknown member '${key}' in the SearchRequest.`);
    if (name === 'schemas') {
      if (!Array.isArray(value) || !value.includes(SEARCH_REQUEST))
        throw badRequest('invalidSyntax', `A search body names the schema ${SEARCH_REQUEST}.`);
      continue;
    }
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) query[name] = value.join(',');
    else if (typeof value === 'string' || typeof value === 'number') query[name] = String(value);
    else throw badRequest('invalidValue', `'${name}' has the wrong type.`);
  }
  return parseListQuery(query);
}
