/**
 * Decides whether an index serves a query shape, by the ESR rule MongoDB's planner follows: the
 * index's leading keys are equality fields of the filter (in any order), then the sort fields (all in
 * the index's direction or all reversed), then a range field. The index's first key must be bounded by
 * the filter when the filter bounds anything; an `$or` is served when its enclosing filter is, or when
 * every branch is (MongoDB's index union: one branch without an index scans the whole collection).
 * Pure: the indexes are given.
 */
import type { ConditionKind, FilterShape, QueryShape } from './queryShapesParse.js';

/** One index: its keys in order, and what limits the queries it may serve. */
export interface IndexSpec {
  keys: [string, 1 | -1][];
  /** A unique index bound on every key by equalities reads one document per value: any sort is free. */
  unique: boolean;
  /** A sparse index leaves out documents without its first key; it serves only filters on that key. */
  sparse: boolean;
  /** A partial index serves only filters naming every path of its filter expression. */
  partialPaths: string[];
}

/** Kinds that let an index's bounds narrow the scan (an `$exists`, `$ne` or `$nin` do not). */
const BOUNDING: ReadonlySet<ConditionKind> = new Set(['eq', 'in', 'range', 'regex']);

/** An index from `schema.indexes()` or a `createIndexes` key: text, hashed and geo keys are dropped. */
export function indexSpec(
  keys: Record<string, unknown>,
  options: Record<string, unknown> = {},
): IndexSpec | null {
  const ordered: [string, 1 | -1][] = [];
  for (const [path, direction] of Object.entries(keys)) {
    if (typeof direction !== 'number') return null;
    ordered.push([path, direction < 0 ? -1 : 1]);
  }
  const partial = options.partialFilterExpression;
  return {
    keys: ordered,
    unique: options.unique === true || (ordered.length === 1 && ordered[0]![0] === '_id'),
    sparse: options.sparse === true,
    partialPaths: partial && typeof partial === 'object' ? Object.keys(partial) : [],
  };
}

function isEquality(kind: ConditionKind | undefined): boolean {
  return kind === 'eq' || kind === 'in';
}

/** True when `index` serves the conditions `fields` (one level, no `$or`) in the order `sort`. */
export function indexServes(
  fields: Record<string, ConditionKind>,
  sort: [string, 1 | -1][],
  index: IndexSpec,
): boolean {
  const keys = index.keys;
  if (keys.length === 0) return false;
  if (index.partialPaths.some((path) => fields[path] === undefined)) return false;
  if (index.sparse && !BOUNDING.has(fields[keys[0]![0]] as ConditionKind)) return false;
  // A filter that bounds anything must bound the index's first key: an index entered anywhere else is
  // read whole. A filter that bounds nothing is served only by an index giving its sort (a paged read).
  const bounds = Object.values(fields).some((kind) => BOUNDING.has(kind));
  if (bounds && !BOUNDING.has(fields[keys[0]![0]] as ConditionKind)) return false;

  if (index.unique && !index.sparse && keys.every(([path]) => isEquality(fields[path]))) return true;
  let position = 0;
  let used = 0;
  while (position < keys.length && isEquality(fields[keys[position]![0]])) {
    position += 1;
    used += 1;
  }
  // A sort key bound by an equality is already in order; the rest must follow in the index.
  const prefix = new Set(keys.slice(0, position).map(([path]) => path));
  const remaining = sort.filter(([path]) => fields[path] !== 'eq' && !prefix.has(path));
  let relative: 1 | -1 | undefined;
  for (const [path, direction] of remaining) {
    while (position < keys.length && fields[keys[position]![0]] === 'eq' && keys[position]![0] !== path)
      position += 1;
    const key = keys[position];
    if (!key || key[0] !== path) return false;
    const sameWay: 1 | -1 = key[1] === direction ? 1 : -1;
    if (relative === undefined) relative = sameWay;
    else if (relative !== sameWay) return false;
    position += 1;
    used += 1;
  }
  const next = keys[position];
  if (next && BOUNDING.has(fields[next[0]] as ConditionKind)) used += 1;
  return used > 0;
}

function merged(outer: Record<string, ConditionKind>, branch: FilterShape): FilterShape {
  return { fields: { ...branch.fields, ...outer }, or: branch.or };
}

/**
 * True when the filter and sort are served by one of `indexes`: by the conditions outside any `$or`,
 * or, for some `$or`, by every branch together with those conditions (MongoDB's index union).
 */
export function shapeServed(filter: FilterShape, sort: [string, 1 | -1][], indexes: IndexSpec[]): boolean {
  if (indexes.some((index) => indexServes(filter.fields, sort, index))) return true;
  return filter.or.some((branches, at) => {
    const others = filter.or.filter((_, other) => other !== at);
    return branches.every((branch) => {
      const combined = merged(filter.fields, branch);
      combined.or = [...others, ...combined.or];
      return shapeServed(combined, sort, indexes);
    });
  });
}

/**
 * A shape no index can make cheaper: no filter and no sort reads or writes every document whatever
 * the indexes (the tests' `resetDatabase`, a count of all, a small collection read whole). Whether such
 * a read should be paged is a question for review, not for an index.
 */
export function needsNoIndex(shape: QueryShape): boolean {
  const empty = Object.keys(shape.filter.fields).length === 0 && shape.filter.or.length === 0;
  return empty && shape.sort.length === 0;
}

/** The text of an index for messages: `{ spaceId: 1, _id: -1 }`. */
export function indexText(index: IndexSpec): string {
  return `{ ${index.keys.map(([path, direction]) => `${path}: ${direction}`).join(', ')} }`;
}
