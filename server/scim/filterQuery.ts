/**
 * Turns a parsed SCIM filter into a MongoDB query over a resource's stored fields. Each resource says
 * where its attributes are stored (a {@link FieldMap}); strings that are not case-exact compare
 * case-insensitively (RFC 7643 §2.1), by a lower-cased key field where one is kept (userName), else
 * by an anchored, escaped regular expression. A comparison the attribute's type cannot take is a 400
 * `invalidFilter`.
 */
import { Types } from 'mongoose';
import type { AttrPath, CompareOp, Filter, FilterValue } from './filterParser.js';
import { resolvePath, type ResolvedPath } from './resolvePath.js';
import { badRequest } from './scimError.js';
import type { ResourceSchema } from './schemaDefinitions.js';

/** How a stored field compares. */
export type FieldKind = 'string' | 'lowerKey' | 'boolean' | 'dateTime' | 'objectId';

/** Where an attribute is stored. */
export interface StoredField {
  field: string;
  kind: FieldKind;
  caseExact: boolean;
}

/**
 * Where a resource stores each attribute: `field` for a path, and for a multi-valued complex attribute
 * either `elements` (an array of sub-documents, approximated and then checked in memory) or nothing (its sub-attributes
 * are mapped by `field` directly, as Group members' ids are).
 */
export interface FieldMap {
  field(path: ResolvedPath): StoredField | null;
  elements?(path: ResolvedPath): string | null;
}

type Query = Record<string, unknown>;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function asString(value: FilterValue, op: CompareOp): string {
  if (typeof value !== 'string') throw badRequest('invalidFilter', `'${op}' needs a string value here.`);
  return value;
}

function condition(target: StoredField, op: CompareOp, value: FilterValue): unknown {
  switch (target.kind) {
    case 'objectId': {
      if (op !== 'eq' && op !== 'ne') throw badRequest('invalidFilter', `'${op}' does not apply to ids.`);
      const id = asString(value, op);
      const oid = Types.ObjectId.isValid(id) && /^[a-f0-9]{24}$/i.test(id) ? new Types.ObjectId(id) : null;
      if (op === 'eq') return oid ? oid : { $in: [] };
      return oid ? { $ne: oid } : { $exists: true };
    }
    case 'boolean': {
      if (op !== 'eq' && op !== 'ne')
        throw badRequest('invalidFilter', `'${op}' does not apply to booleans.`);
      const flag =
        typeof value === 'boolean' ? value : typeof value === 'string' ? value.toLowerCase() : undefined;
      const bool =
        flag === true || flag === 'true' ? true : flag === false || flag === 'false' ? false : null;
      if (bool === null)
        throw badRequest('invalidFilter', 'A boolean attribute compares with true or false.');
      return op === 'eq' ? bool : { $ne: bool };
    }
    case 'dateTime': {
      if (['co', 'sw', 'ew'].includes(op))
        throw badRequest('invalidFilter', `'${op}' does not apply to dates.`);
      const date = new Date(asString(value, op));
      if (Number.isNaN(date.getTime())) throw badRequest('invalidFilter', 'Not a valid dateTime.');
      return op === 'eq'
        ? date
        : { [`$${op === 'ne' ? 'ne' : op === 'ge' ? 'gte' : op === 'le' ? 'lte' : op}`]: date };
    }
    default: {
      if (value === null) {
        if (op === 'eq') return null;
        if (op === 'ne') return { $ne: null };
        throw badRequest('invalidFilter', `'${op}' does not compare with null.`);
      }
      const raw = asString(value, op);
      const text = target.kind === 'lowerKey' ? raw.toLowerCase() : raw;
      const insensitive = target.kind === 'string' && !target.caseExact;
      const options = insensitive ? 'i' : '';
      const regex = (pattern: string) => ({ $regex: pattern, $options: options });
      switch (op) {
        case 'eq':
          return insensitive ? regex(`^${escapeRegex(text)}$`) : text;
        case 'ne':
          return insensitive ? { $not: new RegExp(`^${escapeRegex(text)}$`, 'i') } : { $ne: text };
        case 'co':
          return regex(escapeRegex(text));
        case 'sw':
          return regex(`^${escapeRegex(text)}`);
        case 'ew':
          return regex(`${escapeRegex(text)}$`);
        case 'gt':
          return { $gt: text };
        case 'ge':
          return { $gte: text };
        case 'lt':
          return { $lt: text };
        default:
          return { $lte: text };
      }
    }
  }
}

function present(target: StoredField): Query {
  return { $and: [{ [target.field]: { $exists: true } }, { [target.field]: { $nin: [null, ''] } }] };
}

function stored(map: FieldMap, path: ResolvedPath): StoredField {
  // A complex attribute without a sub-attribute compares its `value` (RFC 7644 §3.4.2.2).
  const resolved =
    path.attr.type === 'complex' && !path.sub
      ? { ...path, sub: path.attr.subAttributes?.find((s) => s.name === 'value') ?? null }
      : path;
  const target = resolved.sub || path.attr.type !== 'complex' ? map.field(resolved) : null;
  if (!target) throw badRequest('invalidFilter', `Filtering on '${path.attr.name}' is not supported.`);
  return target;
}

function containsNot(filter: Filter): boolean {
  if (filter.kind === 'not') return true;
  if (filter.kind === 'and' || filter.kind === 'or')
    return containsNot(filter.left) || containsNot(filter.right);
  return false;
}

/** A translated filter: the query, and whether it is exact or a superset to check in memory. */
export interface TranslatedFilter {
  query: Query;
  exact: boolean;
}

/** Whether a filter holds a value filter over stored sub-documents (which the query only approximates). */
function approximated(map: FieldMap, resource: ResourceSchema, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return approximated(map, resource, filter.left) || approximated(map, resource, filter.right);
    case 'not':
      return approximated(map, resource, filter.filter);
    case 'valuePath':
      return Boolean(map.elements?.(resolvePath(resource, filter.path, 'invalidFilter')));
    default:
      return false;
  }
}

/**
 * Translates a filter whose paths are absolute. A value filter over stored sub-documents
 * (`emails[type eq "work" and value eq "x"]`) cannot be asked exactly of every supported database
 * (FerretDB has no $elemMatch over sub-documents), so it becomes a superset (each condition on any
 * element) where it counts positively, and nothing under a `not`; the caller then checks the
 * candidates exactly in memory (evaluateFilter.ts).
 */
export function filterQuery(resource: ResourceSchema, map: FieldMap, filter: Filter): TranslatedFilter {
  return { query: translate(resource, map, filter, true), exact: !approximated(map, resource, filter) };
}

const NOTHING: Query = { _id: { $in: [] } };

function translate(resource: ResourceSchema, map: FieldMap, filter: Filter, positive: boolean): Query {
  const resolve = (p: AttrPath) => resolvePath(resource, p, 'invalidFilter');
  switch (filter.kind) {
    case 'and':
      return {
        $and: [
          translate(resource, map, filter.left, positive),
          translate(resource, map, filter.right, positive),
        ],
      };
    case 'or':
      return {
        $or: [
          translate(resource, map, filter.left, positive),
          translate(resource, map, filter.right, positive),
        ],
      };
    case 'not':
      return { $nor: [translate(resource, map, filter.filter, !positive)] };
    case 'present': {
      const path = resolve(filter.path);
      return present(stored(map, path));
    }
    case 'compare': {
      const path = resolve(filter.path);
      const target = stored(map, path);
      return { [target.field]: condition(target, filter.op, filter.value) };
    }
    case 'valuePath': {
      const path = resolve(filter.path);
      if (!path.attr.multiValued || path.attr.type !== 'complex' || path.sub)
        throw badRequest('invalidFilter', `'${path.attr.name}' is not a multi-valued complex attribute.`);
      const elements = map.elements?.(path) ?? null;
      if (elements && !positive) return NOTHING;
      const inner = (f: Filter): Query => {
        switch (f.kind) {
          case 'and':
            return { $and: [inner(f.left), inner(f.right)] };
          case 'or':
            return { $or: [inner(f.left), inner(f.right)] };
          case 'not':
            return { $nor: [inner(f.filter)] };
          case 'valuePath':
            throw badRequest('invalidFilter', 'Brackets cannot be nested.');
          default: {
            if (f.path.schema || f.path.sub)
              throw badRequest('invalidFilter', 'Inside brackets, name a sub-attribute only.');
            const sub = resolve({ schema: filter.path.schema, attr: filter.path.attr, sub: f.path.attr });
            const target = stored(map, sub);
            if (f.kind === 'present') return present(target);
            return { [target.field]: condition(target, f.op, f.value) };
          }
        }
      };
      // Over sub-documents, a `not` inside the brackets cannot be approximated from above: any element.
      if (elements && containsNot(filter.filter))
        return present({ field: elements, kind: 'string', caseExact: true });
      return inner(filter.filter);
    }
  }
}
