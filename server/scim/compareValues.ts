/**
 * One comparison of the SCIM filter language, in memory: used by PATCH value filters and by list
 * filters that the database cannot answer exactly (a value filter over e-mails).
 */
import type { AttributeDefinition } from './schemaDefinitions.js';

/** Compares a stored value with a filter literal as the attribute's rules say (case, booleans, dates); `op` may be `pr`. */
export function compareValues(
  def: AttributeDefinition,
  actual: unknown,
  op: string,
  expected: unknown,
): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  const norm = (v: unknown) => {
    if (def.type === 'dateTime' && (typeof v === 'string' || v instanceof Date)) return new Date(v).getTime();
    if (typeof v === 'string' && def.type === 'boolean' && /^(true|false)$/i.test(v))
      return v.toLowerCase() === 'true';
    if (typeof v === 'string' && !def.caseExact) return v.toLowerCase();
    return v;
  };
  const a = norm(actual);
  const e = norm(expected);
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'co':
      return typeof a === 'string' && typeof e === 'string' && a.includes(e);
    case 'sw':
      return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
    case 'ew':
      return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
    case 'gt':
      return typeof a === typeof e && (a as string) > (e as string);
    case 'ge':
      return typeof a === typeof e && (a as string) >= (e as string);
    case 'lt':
      return typeof a === typeof e && (a as string) < (e as string);
    default:
      return typeof a === typeof e && (a as string) <= (e as string);
  }
}
