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

function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

function decodeCursor(cursor: string): CursorContent {
  try {
    const content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
    const v = content.v;
    if (
      typeof content.i === 'string' &&
      Types.ObjectId.isValid(content.i) &&
      /^[a-f0-9]{24}$/.test(content.i) &&
      (v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return { v, i: content.i };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidError('The cursor is not one this list returned.', [
    { path: 'cursor', message: 'not a valid cursor' },
  ]);
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
 * One page of an in-memory list kept on a document (an item's earlier versions), newest first, with
 * an opaque offset cursor.
 */
export function pageOfList<T>(
  newestFirst: T[],
  cursor: string | undefined,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor) {
    const match = /^r([0-9]{1,4})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!match)
      throw new InvalidError('The cursor is not one this list returned.', [
        { path: 'cursor', message: 'not a valid cursor' },
      ]);
    offset = Number(match[1]);
  }
  const next = offset + limit;
  return {
    items: newestFirst.slice(offset, next),
    nextCursor: next < newestFirst.length ? Buffer.from(`r${next}`).toString('base64url') : null,
  };
}
