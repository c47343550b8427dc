/**
 * Keyset pagination shared by every list: sorted by one field then by _id, with an opaque cursor
 * that carries the last item's sort value and id. Works the same on MongoDB and FerretDB.
 */
import { Types, type Model } from 'mongoose';
import { InvalidError } from '../errors.js';

/** One page of stored documents. */
export interface StoredPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a list asks for. */
export interface PageRequest {
  filters: Record<string, unknown>[];
  sortField: string;
  limit: number;
  cursor: string | undefined;
  projection?: Record<string, 0 | 1>;
  /** `asc` (default) pages forward; `desc` pages from the newest back (room history). */
  direction?: 'asc' | 'desc';
}

interface CursorContent {
  v: string | number | null;
  i: string;
}

/**
 * The one cursor shape, stated as a pattern in the API document (shared/schemas/common.ts `Cursor`):
 * the last item's id (24 hex digits), then its sort value when the list sorts by another field:
 * `n` and a decimal number, or `s` and the string in base64url. Every text of this shape is accepted.
 */
const CURSOR = /^([a-f0-9]{24})(?:n(-?[0-9]{1,15}(?:\.[0-9]{1,17})?)|s([A-Za-z0-9_-]*))?$/;

function encodeCursor(content: CursorContent): string {
  const { v, i } = content;
  if (v === null) return i;
  if (typeof v === 'string') return `${i}s${Buffer.from(v).toString('base64url')}`;
  const cursor = `${i}n${String(v)}`;
  if (!CURSOR.test(cursor)) throw new Error(`sort value ${String(v)} cannot be put in a cursor`);
  return cursor;
}

function decodeCursor(cursor: string): CursorContent {
  const match = CURSOR.exec(cursor);
  if (!match?.[1])
    throw new InvalidError('The cursor is not one this list returned.', [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  const [, i, number, text] = match;
  if (number !== undefined) return { v: Number(number), i };
  if (text !== undefined) return { v: Buffer.from(text, 'base64url').toString('utf8'), i };
  return { v: null, i };
}

/** Reads one page. Every filter is kept whole under `$and`, so none can overwrite another. */
export async function readPage<T extends { _id: Types.ObjectId }>(
  model: Model<never>,
  request: PageRequest,
): Promise<StoredPage<T>> {
  const { sortField, limit } = request;
  const op = request.direction === 'desc' ? '$lt' : '$gt';
  const order = request.direction === 'desc' ? -1 : 1;
  const filters = request.filters.filter((f) => Object.keys(f).length > 0);
  if (request.cursor) {
    const { v, i } = decodeCursor(request.cursor);
    const id = new Types.ObjectId(i);
    filters.push(
      sortField === '_id'
        ? { _id: { [op]: id } }
        : { $or: [{ [sortField]: { [op]: v } }, { [sortField]: v, _id: { [op]: id } }] },
    );
  }
  const query = filters.length > 0 ? { $and: filters } : {};
  const sort: Record<string, 1 | -1> =
    sortField === '_id' ? { _id: order } : { [sortField]: order, _id: order };
  const rows = (await model
    .find(query as never, request.projection ?? null)
    .sort(sort)
    .limit(limit + 1)
    .lean()) as unknown as T[];
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({
          v: sortField === '_id' ? null : ((last as Record<string, unknown>)[sortField] as string | number),
          i: String(last._id),
        })
      : null;
  return { items, nextCursor };
}

/**
 * One page of an in-memory list kept on a document (an item's earlier versions), newest first. Its
 * cursor has the same shape as every other (the offset as the sort value, after a zero id), so one
 * documented pattern holds for every list; any cursor of that shape reads from that offset (a
 * non-numeric one from the start).
 */
export function pageOfList<T>(
  newestFirst: T[],
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor) {
    const { v } = decodeCursor(cursor);
    offset = typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 0;
  }
  const next = offset + limit;
  return {
    items: newestFirst.slice(offset, next),
    nextCursor: next < newestFirst.length ? encodeCursor({ v: next, i: '0'.repeat(24) }) : null,
  };
}
