/**
 * Evaluates a SCIM filter against a resource in its JSON form (core attributes at the top, extensions
 * under their URN, `meta` with its dates), for the filters the database answers only approximately
 * (filterQuery.ts). Multi-valued attributes match when any value does.
 */
import { compareValues } from './compareValues.js';
import type { Filter } from './filterParser.js';
import { resolvePath } from './resolvePath.js';
import type { AttributeDefinition, ResourceSchema } from './schemaDefinitions.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function test(def: AttributeDefinition, values: unknown[], op: string, expected: unknown): boolean {
  return values.some((v) => compareValues(def, v, op, expected));
}

function elementTest(attr: AttributeDefinition, filter: Filter, element: Json): boolean {
  switch (filter.kind) {
    case 'and':
      return elementTest(attr, filter.left, element) && elementTest(attr, filter.right, element);
    case 'or':
      return elementTest(attr, filter.left, element) || elementTest(attr, filter.right, element);
    case 'not':
      return !elementTest(attr, filter.filter, element);
    case 'valuePath':
      return false;
    default: {
      const sub = (attr.subAttributes ?? []).find(
        (s) => s.name.toLowerCase() === filter.path.attr.toLowerCase(),
      );
      if (!sub) return false;
      const value = element[sub.name];
      return filter.kind === 'present'
        ? compareValues(sub, value, 'pr', null)
        : compareValues(sub, value, filter.op, filter.value);
    }
  }
}

/** Whether `doc` satisfies `filter` (paths already checked by filterQuery.ts). */
export function evaluateFilter(resource: ResourceSchema, doc: Json, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluateFilter(resource, doc, filter.left) && evaluateFilter(resource, doc, filter.right);
    case 'or':
      return evaluateFilter(resource, doc, filter.left) || evaluateFilter(resource, doc, filter.right);
    case 'not':
      return !evaluateFilter(resource, doc, filter.filter);
    default: {
      const path = resolvePath(resource, filter.path, 'invalidFilter');
      const container = path.extension ? doc[path.schema] : doc;
      const raw = isObject(container) ? container[path.attr.name] : undefined;
      if (filter.kind === 'valuePath') {
        const list = Array.isArray(raw) ? raw.filter(isObject) : [];
        return list.some((el) => elementTest(path.attr, filter.filter, el));
      }
      const sub =
        path.sub ??
        (path.attr.type === 'complex' ? path.attr.subAttributes?.find((s) => s.name === 'value') : undefined);
      const list = path.attr.multiValued ? (Array.isArray(raw) ? raw : []) : [raw];
      const values = sub ? list.map((v) => (isObject(v) ? v[sub.name] : undefined)) : list;
      const def = sub ?? path.attr;
      return filter.kind === 'present'
        ? test(def, values, 'pr', null)
        : test(def, values, filter.op, filter.value);
    }
  }
}
