/**
 * For a real MongoDB (`TEST_MONGODB_URI`): runs `explain()` for a recorded query shape, with
 * placeholder values of each path's schema type, and tells whether the winning plan scans the whole
 * collection (`COLLSCAN`). FerretDB's plans say nothing about MongoDB's, so this only runs there.
 */
import mongoose, { Types } from 'mongoose';
import type { ConditionKind, FilterShape, QueryShape } from './queryShapesParse.js';

/** A value of the type the collection's model declares at `path` (a string when unknown). */
function placeholder(model: mongoose.Model<unknown> | undefined, path: string): unknown {
  const schemaType = model?.schema.path(path) as
    | (mongoose.SchemaType & { caster?: { instance?: string }; embeddedSchemaType?: { instance?: string } })
    | undefined;
  const instance =
    schemaType?.instance === 'Array'
      ? (schemaType.embeddedSchemaType?.instance ?? schemaType.caster?.instance)
      : schemaType?.instance;
  const name = path.split('.').pop() ?? path;
  const type =
    instance ??
    (name === '_id' || name.endsWith('Id') ? 'ObjectId' : name.endsWith('At') ? 'Date' : 'String');
  switch (type) {
    case 'ObjectId':
      return new Types.ObjectId();
    case 'Date':
      return new Date();
    case 'Number':
      return 1;
    case 'Boolean':
      return true;
    default:
      return 'x';
  }
}

function condition(kind: ConditionKind, value: unknown): unknown {
  switch (kind) {
    case 'eq':
      return value;
    case 'in':
      return { $in: [value] };
    case 'range':
      return { $gt: value };
    case 'regex':
      return { $regex: '^x' };
    case 'exists':
      return { $exists: true };
    case 'ne':
      return { $ne: value };
    case 'residual':
      return undefined;
  }
}

/** A filter of the shape, with placeholder values. */
export function placeholderFilter(
  model: mongoose.Model<unknown> | undefined,
  shape: FilterShape,
): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  for (const [path, kind] of Object.entries(shape.fields)) {
    if (path.startsWith('$')) continue;
    const value = condition(kind, placeholder(model, path));
    if (value !== undefined) filter[path] = value;
  }
  const ors = shape.or.map((branches) => ({
    $or: branches.map((branch) => placeholderFilter(model, branch)),
  }));
  return ors.length > 0 ? { ...filter, $and: ors } : filter;
}

function stagesOf(plan: unknown, into: string[] = []): string[] {
  if (Array.isArray(plan)) for (const item of plan) stagesOf(item, into);
  else if (plan && typeof plan === 'object') {
    for (const [key, value] of Object.entries(plan)) {
      if (key === 'stage' && typeof value === 'string') into.push(value);
      else if (key !== 'rejectedPlans') stagesOf(value, into);
    }
  }
  return into;
}

/** The stages of the winning plan MongoDB picks for the shape (a find of its filter and sort). */
export async function explainStages(shape: QueryShape): Promise<string[]> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('no database connection');
  const model = Object.values(mongoose.models).find((m) => m.collection.collectionName === shape.collection);
  const filter = placeholderFilter(model as mongoose.Model<unknown> | undefined, shape.filter);
  const cursor = db.collection(shape.collection).find(filter);
  if (shape.sort.length > 0) cursor.sort(Object.fromEntries(shape.sort));
  const explained = (await cursor.explain('queryPlanner')) as { queryPlanner?: { winningPlan?: unknown } };
  return stagesOf(explained.queryPlanner?.winningPlan);
}
