/**
 * Turns one database command (as the MongoDB driver's `commandStarted` event shows it) into the
 * shapes of the queries it runs: collection, operation, the filter's field paths with the kind of
 * each condition, the sort and the projection. Values are never kept. Pure: no database, no state.
 */

/** How a filter constrains one field path, as far as an index is concerned. */
export type ConditionKind = 'eq' | 'in' | 'range' | 'exists' | 'ne' | 'regex' | 'residual';

/** The conditions of one level of a filter (the top, or one branch of an `$or`). */
export interface FilterShape {
  /** Field path → how it is constrained (one kind per path; several kinds on a path keep the most usable). */
  fields: Record<string, ConditionKind>;
  /** The branches of each `$or` / `$nor` at this level (each branch is a filter of its own). */
  or: FilterShape[][];
}

/** One query, its values left out. */
export interface QueryShape {
  collection: string;
  /** find, findOne, count, distinct, aggregate, updateOne, updateMany, deleteOne, deleteMany, findOneAndUpdate, findOneAndDelete. */
  op: string;
  filter: FilterShape;
  /** Sort keys in order, `1` or `-1`. */
  sort: [string, 1 | -1][];
  /** Projected paths (`path` or `-path`), sorted; empty when the whole document is returned. */
  projection: string[];
}

/** Kinds an index can bound, the equality ones first (an `$in` is served like an equality). */
const KIND_RANK: Record<ConditionKind, number> = {
  eq: 0,
  in: 1,
  range: 2,
  regex: 3,
  exists: 4,
  ne: 5,
  residual: 6,
};

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  if ('_bsontype' in value) return false; // ObjectId, Decimal128, BSONRegExp...
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isRegex(value: unknown): boolean {
  return (
    value instanceof RegExp ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { _bsontype?: string })._bsontype === 'BSONRegExp')
  );
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

function emptyFilter(): FilterShape {
  return { fields: {}, or: [] };
}

function addCondition(shape: FilterShape, path: string, kind: ConditionKind): void {
  const before = shape.fields[path];
  if (before === undefined || KIND_RANK[kind] < KIND_RANK[before]) shape.fields[path] = kind;
}

/** The kind of one operator on a path (`{ $gte: ..., $lt: ... }` is one range). */
function operatorKind(operator: string, argument: unknown): ConditionKind {
  if (operator === '$eq') return 'eq';
  if (operator === '$in') return 'in';
  if (operator === '$all') return 'eq';
  if (RANGE_OPERATORS.has(operator)) return 'range';
  if (operator === '$regex') return 'regex';
  if (operator === '$exists') return argument === false ? 'ne' : 'exists';
  if (operator === '$ne' || operator === '$nin' || operator === '$not') return 'ne';
  if (operator === '$type') return 'range';
  return 'residual'; // $size, $mod, $bitsAll..., $options alone
}

function addPath(shape: FilterShape, path: string, condition: unknown): void {
  if (isRegex(condition)) return addCondition(shape, path, 'regex');
  if (!isOperatorObject(condition)) return addCondition(shape, path, 'eq');
  for (const [operator, argument] of Object.entries(condition)) {
    if (operator === '$options') continue;
    if (operator === '$elemMatch' && isPlainObject(argument)) {
      if (isOperatorObject(argument)) addPath(shape, path, argument);
      else {
        const inner = parseFilter(argument);
        for (const [innerPath, kind] of Object.entries(inner.fields))
          addCondition(shape, `${path}.${innerPath}`, kind);
      }
      continue;
    }
    addCondition(shape, path, operatorKind(operator, argument));
  }
}

/** The shape of a query filter. `$and` is flattened; `$or`/`$nor` keep their branches. */
export function parseFilter(filter: unknown, into: FilterShape = emptyFilter()): FilterShape {
  if (!isPlainObject(filter)) return into;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(condition)) {
      for (const part of condition) parseFilter(part, into);
    } else if (key === '$or' && Array.isArray(condition)) {
      const branches = condition.map((branch) => parseFilter(branch));
      if (branches.length === 1 && branches[0]) mergeInto(into, branches[0]);
      else into.or.push(branches);
    } else if (key === '$nor' && Array.isArray(condition)) {
      // Negated conditions bound no index: every path they name is only filtered.
      for (const branch of condition)
        for (const path of allPaths(parseFilter(branch))) addCondition(into, path, 'ne');
    } else if (key === '$expr' || key === '$where' || key === '$comment' || key === '$text') {
      addCondition(into, key, 'residual');
    } else {
      addPath(into, key, condition);
    }
  }
  return into;
}

function mergeInto(target: FilterShape, source: FilterShape): void {
  for (const [path, kind] of Object.entries(source.fields)) addCondition(target, path, kind);
  target.or.push(...source.or);
}

function allPaths(shape: FilterShape): string[] {
  return [...Object.keys(shape.fields), ...shape.or.flat().flatMap(allPaths)];
}

function parseSort(sort: unknown): [string, 1 | -1][] {
  // The driver hands sorts over as a Map (key order kept); a pipeline's `$sort` is a plain object.
  const entries =
    sort instanceof Map
      ? [...(sort as Map<string, unknown>)]
      : isPlainObject(sort)
        ? Object.entries(sort)
        : [];
  return entries
    .filter(([, direction]) => typeof direction === 'number' || typeof direction === 'string')
    .map(([path, direction]) => [path, Number(direction) < 0 || direction === 'desc' ? -1 : 1]);
}

function parseProjection(projection: unknown): string[] {
  if (!isPlainObject(projection)) return [];
  return Object.entries(projection)
    .map(([path, value]) => (value === 0 || value === false ? `-${path}` : path))
    .sort();
}

/** A find, update or delete's shape. */
function shape(
  collection: string,
  op: string,
  filter: unknown,
  sort: unknown = undefined,
  projection: unknown = undefined,
): QueryShape {
  return {
    collection,
    op,
    filter: parseFilter(filter),
    sort: parseSort(sort),
    projection: parseProjection(projection),
  };
}

/** An aggregate's shape: its leading `$match` (several are merged) and the `$sort` right after. */
function aggregateShape(collection: string, pipeline: unknown): QueryShape {
  const stages = Array.isArray(pipeline) ? (pipeline as Record<string, unknown>[]) : [];
  const filter = emptyFilter();
  let index = 0;
  while (index < stages.length && stages[index] && '$match' in stages[index]!) {
    parseFilter(stages[index]!.$match, filter);
    index += 1;
  }
  const next = stages[index];
  const sort = next && '$sort' in next ? parseSort(next.$sort) : [];
  const project = next && '$project' in next ? parseProjection(next.$project) : [];
  const isCount = stages.some((stage) => stage && '$group' in stage) && stages.length <= 3;
  return { collection, op: isCount ? 'countDocuments' : 'aggregate', filter, sort, projection: project };
}

/** The commands that run no query (writes of new documents, cursors, indexes, administration). */
const NO_QUERY = new Set([
  'insert',
  'getMore',
  'killCursors',
  'createIndexes',
  'listIndexes',
  'dropIndexes',
  'listCollections',
  'create',
  'drop',
  'dropDatabase',
  'hello',
  'isMaster',
  'ismaster',
  'ping',
  'buildInfo',
  'endSessions',
  'saslStart',
  'saslContinue',
  'getParameter',
  'collStats',
  'dbStats',
  'explain',
  'serverStatus',
  'abortTransaction',
  'commitTransaction',
]);

/**
 * The query shapes one command runs; empty for commands that run none. `estimatedDocumentCount`
 * (a `count` with no query) reads only the collection's metadata on MongoDB and is left out.
 */
export function shapesOfCommand(commandName: string, command: Record<string, unknown>): QueryShape[] {
  if (NO_QUERY.has(commandName)) return [];
  const collection = command[commandName];
  if (typeof collection !== 'string' || collection.startsWith('system.')) return [];
  switch (commandName) {
    case 'find': {
      const op = command.limit === 1 || command.singleBatch === true ? 'findOne' : 'find';
      return [shape(collection, op, command.filter, command.sort, command.projection)];
    }
    case 'count':
      return command.query && Object.keys(command.query).length > 0
        ? [shape(collection, 'count', command.query)]
        : [];
    case 'distinct':
      return [shape(collection, 'distinct', command.query)];
    case 'aggregate':
      return [aggregateShape(collection, command.pipeline)];
    case 'update':
      return ((command.updates as Record<string, unknown>[] | undefined) ?? []).map((update) =>
        shape(collection, update.multi ? 'updateMany' : 'updateOne', update.q, update.sort),
      );
    case 'delete':
      return ((command.deletes as Record<string, unknown>[] | undefined) ?? []).map((deletion) =>
        shape(collection, deletion.limit === 1 ? 'deleteOne' : 'deleteMany', deletion.q),
      );
    case 'findAndModify':
      return [
        shape(
          collection,
          command.remove ? 'findOneAndDelete' : 'findOneAndUpdate',
          command.query,
          command.sort,
          command.fields,
        ),
      ];
    default:
      return [];
  }
}

/** The text of a filter: `{a:eq, b:range}` with `or[...|...]` for branches; paths sorted. */
export function filterText(filter: FilterShape): string {
  const fields = Object.keys(filter.fields)
    .sort()
    .map((path) => `${path}:${filter.fields[path]}`);
  const ors = filter.or.map((branches) => `or[${branches.map(filterText).join(' | ')}]`);
  return `{${[...fields, ...ors].join(', ')}}`;
}

/**
 * What decides which index serves a query: collection, filter and sort (not the operation or the
 * projection). The allowlist names shapes by this text, e.g. `cities {status:eq} sort(name:1)`.
 */
export function indexKeyOf(shape: QueryShape): string {
  const sort =
    shape.sort.length > 0 ? ` sort(${shape.sort.map(([path, d]) => `${path}:${d}`).join(', ')})` : '';
  return `${shape.collection} ${filterText(shape.filter)}${sort}`;
}
