/**
 * The walk both input doors share (the API's guard and SCIM's): the first key in a parsed body or
 * query that a door's rule refuses, as a path, or the path where nesting goes deeper than it allows.
 */

/** The keys no door accepts: they reach object prototypes. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The first refused key (`isUnsafe`) or over-deep place in `value`, as a path, or null. */
export function findUnsafeKey(
  value: unknown,
  isUnsafe: (key: string) => boolean,
  maxDepth: number,
  path = '',
  depth = 0,
): string | null {
  if (depth > maxDepth) return path || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeKey(value[i], isUnsafe, maxDepth, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (isUnsafe(key)) return here;
      const found = findUnsafeKey(child, isUnsafe, maxDepth, here, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
