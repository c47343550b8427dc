/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a resource's JSON form (core attributes at the top, each extension
 * under its URN): add, replace and remove, with or without a path, with value filters
 * (`emails[type eq "work"].value`, `members[value eq "id"]`). Known client habits are accepted:
 * operation names in any case ("Replace"), a path-less value whose keys are paths (`"name.givenName"`,
 * an extension URN with an object), `remove` on `members` with a `value` list (Entra ID), and an add or
 * replace through an equality filter that matches nothing, which creates the element (Entra ID sends
 * `emails[type eq "work"].value` for a user with no work e-mail). The result is checked afterwards by
 * normalizeResource.ts, like a PUT, so values such as `"active": "False"` are coerced there.
 */
import { compareValues as compare } from './compareValues.js';
import { parseAttrPath, parseFilter, type Filter } from './filterParser.js';
import { resolvePath, type ResolvedPath } from './resolvePath.js';
import { badRequest } from './scimError.js';
import { URN, type AttributeDefinition, type ResourceSchema } from './schemaDefinitions.js';

/** A resource as plain JSON. */
export type Json = Record<string, unknown>;

/** The most operations one PATCH may carry. */
export const MAX_OPERATIONS = 1000;

type Op = 'add' | 'replace' | 'remove';

/** A copy of `obj` without `key` (no dynamic delete). */
function without(obj: Json, key: string): Json {
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
}

/** Removes `key` from `obj` in place. */
function drop(obj: Json, key: string): void {
  Reflect.deleteProperty(obj, key);
}

const isPlainObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(obj: Json, name: string): string | undefined {
  return Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
}

/** An in-memory test for the elements of a multi-valued complex attribute. */
function elementMatcher(attr: AttributeDefinition, filter: Filter): (element: unknown) => boolean {
  const subOf = (name: string, schema: string | null, sub: string | null) => {
    const def = (attr.subAttributes ?? []).find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!def || schema || sub)
      throw badRequest('invalidPath', `Unknown sub-attribute '${attr.name}.${name}'.`);
    return def;
  };
  const test = (f: Filter, el: Json): boolean => {
    switch (f.kind) {
      case 'and':
        return test(f.left, el) && test(f.right, el);
      case 'or':
        return test(f.left, el) || test(f.right, el);
      case 'not':
        return !test(f.filter, el);
      case 'valuePath':
        throw badRequest('invalidPath', 'Brackets cannot be nested.');
      case 'present': {
        const def = subOf(f.path.attr, f.path.schema, f.path.sub);
        const key = keyOf(el, def.name);
        return compare(def, key ? el[key] : undefined, 'pr', null);
      }
      default: {
        const def = subOf(f.path.attr, f.path.schema, f.path.sub);
        const key = keyOf(el, def.name);
        return compare(def, key ? el[key] : undefined, f.op, f.value);
      }
    }
  };
  // Checks the sub-attribute names once, even with no element to test.
  test(filter, {});
  return (element) => isPlainObject(element) && test(filter, element);
}

/** The element an equality filter describes (`type eq "work" and primary eq true`), or null. */
function elementFromFilter(filter: Filter): Json | null {
  if (filter.kind === 'compare' && filter.op === 'eq' && !filter.path.sub)
    return { [filter.path.attr]: filter.value };
  if (filter.kind === 'and') {
    const left = elementFromFilter(filter.left);
    const right = elementFromFilter(filter.right);
    return left && right ? { ...left, ...right } : null;
  }
  return null;
}

interface Target {
  resolved: ResolvedPath;
  filter: Filter | null;
  sub: AttributeDefinition | null;
}

function parsePath(resource: ResourceSchema, path: string): Target {
  if (path.length > 1000) throw badRequest('invalidPath', 'The path is too long.');
  const open = path.indexOf('[');
  if (open < 0) {
    const resolved = resolvePath(resource, parseAttrPath(path, 'invalidPath'), 'invalidPath');
    return { resolved, filter: null, sub: resolved.sub };
  }
  const close = path.lastIndexOf(']');
  if (close < open) throw badRequest('invalidPath', `Invalid path '${path}'.`);
  const after = path.slice(close + 1);
  if (after && !/^\.[A-Za-z$][A-Za-z0-9_$-]*$/.test(after))
    throw badRequest('invalidPath', `Invalid path '${path}'.`);
  const base = parseAttrPath(path.slice(0, open), 'invalidPath');
  if (base.sub) throw badRequest('invalidPath', `Invalid path '${path}'.`);
  let filter: Filter;
  try {
    filter = parseFilter(path.slice(open + 1, close));
  } catch {
    throw badRequest('invalidPath', `Invalid filter in path '${path}'.`);
  }
  const resolved = resolvePath(resource, { ...base, sub: after ? after.slice(1) : null }, 'invalidPath');
  if (!resolved.attr.multiValued || resolved.attr.type !== 'complex')
    throw badRequest('invalidPath', `'${resolved.attr.name}' is not a multi-valued complex attribute.`);
  return { resolved, filter, sub: resolved.sub };
}

function containerOf(doc: Json, resolved: ResolvedPath, create: boolean): Json | null {
  if (!resolved.extension) return doc;
  const key = keyOf(doc, resolved.schema);
  if (key && isPlainObject(doc[key])) return doc[key];
  if (!create) return null;
  const made: Json = {};
  doc[resolved.schema] = made;
  return made;
}

function sameElement(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b)) {
    const va = a[keyOf(a, 'value') ?? 'value'];
    const vb = b[keyOf(b, 'value') ?? 'value'];
    if (va !== undefined && vb !== undefined) return String(va).toLowerCase() === String(vb).toLowerCase();
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

function merge(into: unknown, value: unknown): Json {
  if (!isPlainObject(value)) throw badRequest('invalidValue', 'A complex attribute takes an object.');
  return { ...(isPlainObject(into) ? into : {}), ...value };
}

function applyWithPath(resource: ResourceSchema, doc: Json, op: Op, path: string, value: unknown): void {
  const { resolved, filter, sub } = parsePath(resource, path);
  const { attr } = resolved;
  if (attr.mutability === 'readOnly' || sub?.mutability === 'readOnly')
    throw badRequest('mutability', `'${attr.name}${sub ? `.${sub.name}` : ''}' is read-only.`);
  if (op === 'remove' && attr.required && !sub && !filter)
    throw badRequest('mutability', `'${attr.name}' is required and cannot be removed.`);
  const container = containerOf(doc, resolved, op !== 'remove');
  if (!container) return;
  const key = keyOf(container, attr.name) ?? attr.name;
  if (key !== attr.name && key in container) {
    container[attr.name] = container[key];
    drop(container, key);
  }
  const name = attr.name;

  if (filter) {
    const matches = elementMatcher(attr, filter);
    const list = Array.isArray(container[name]) ? [...(container[name] as unknown[])] : [];
    const hits = list.filter(matches);
    if (op === 'remove') {
      container[name] = sub
        ? list.map((el) => {
            if (!hits.includes(el)) return el;
            const copy = el as Json;
            return without(copy, keyOf(copy, sub.name) ?? sub.name);
          })
        : list.filter((el) => !hits.includes(el));
      return;
    }
    if (hits.length === 0) {
      const made = elementFromFilter(filter);
      if (!made) throw badRequest('noTarget', `No value of '${name}' matches the filter.`);
      container[name] = [...list, sub ? { ...made, [sub.name]: value } : merge(made, value)];
      return;
    }
    container[name] = list.map((el) => {
      if (!hits.includes(el)) return el;
      if (sub) return { ...(el as Json), [sub.name]: value };
      return op === 'add' ? merge(el, value) : merge({}, value);
    });
    return;
  }

  if (sub) {
    if (attr.multiValued) throw badRequest('invalidPath', `Name one value of '${name}' with a filter.`);
    const inner = isPlainObject(container[name]) ? { ...(container[name] as Json) } : {};
    const subKey = keyOf(inner, sub.name) ?? sub.name;
    if (op === 'remove') drop(inner, subKey);
    else {
      drop(inner, subKey);
      inner[sub.name] = value;
    }
    container[name] = inner;
    return;
  }

  if (op === 'remove') {
    if (attr.multiValued && value !== undefined && value !== null) {
      // Entra ID removes group members with a value list instead of a filter.
      const drop = Array.isArray(value) ? value : [value];
      const list = Array.isArray(container[name]) ? (container[name] as unknown[]) : [];
      container[name] = list.filter((el) => !drop.some((d) => sameElement(el, d)));
      return;
    }
    drop(container, name);
    return;
  }
  if (attr.multiValued) {
    const values = Array.isArray(value) ? value : [value];
    const list = op === 'add' && Array.isArray(container[name]) ? [...(container[name] as unknown[])] : [];
    for (const v of values) if (!list.some((el) => sameElement(el, v))) list.push(v);
    container[name] = list;
    return;
  }
  container[name] = attr.type === 'complex' ? merge(container[name], value) : value;
}

function applyWithoutPath(
  resource: ResourceSchema,
  doc: Json,
  op: Op,
  value: unknown,
  dropped: ReadonlySet<string>,
): void {
  if (op === 'remove') throw badRequest('noTarget', "A 'remove' operation needs a path.");
  if (!isPlainObject(value)) throw badRequest('invalidValue', 'Without a path, the value must be an object.');
  for (const [key, inner] of Object.entries(value)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas' || lower === 'meta') continue;
    if (lower === 'id') {
      if (inner !== doc.id) throw badRequest('mutability', "'id' is read-only.");
      continue;
    }
    const extension = Object.keys(resource.extensions).find((k) => k.toLowerCase() === lower);
    if (extension) {
      if (!isPlainObject(inner)) throw badRequest('invalidValue', `'${extension}' must be an object.`);
      for (const [name, v] of Object.entries(inner))
        if (name.toLowerCase() !== 'schemas') applyOne(resource, doc, op, `${extension}:${name}`, v, dropped);
      continue;
    }
    applyOne(resource, doc, op, key, inner, dropped);
  }
}

function droppedName(path: string, dropped: ReadonlySet<string>): boolean {
  const core = `${URN.user}:`;
  let rest = path;
  if (rest.toLowerCase().startsWith(core.toLowerCase())) rest = rest.slice(core.length);
  else if (/^urn:/i.test(rest)) return false;
  return dropped.has((rest.split(/[[.]/)[0] ?? '').toLowerCase());
}

function applyOne(
  resource: ResourceSchema,
  doc: Json,
  op: Op,
  path: string,
  value: unknown,
  dropped: ReadonlySet<string>,
): void {
  if (droppedName(path, dropped)) return;
  // A path naming a whole extension: its attributes one by one (remove: the extension goes).
  const extension = Object.keys(resource.extensions).find((k) => k.toLowerCase() === path.toLowerCase());
  if (extension) {
    if (op === 'remove') {
      drop(doc, keyOf(doc, extension) ?? extension);
      return;
    }
    applyWithoutPath(resource, doc, op, { [extension]: value }, dropped);
    return;
  }
  applyWithPath(resource, doc, op, path, value);
}

/**
 * Applies a PatchOp request body to `doc` (not changed; a patched copy is returned). `dropped` names
 * attributes accepted and not kept: operations on them are skipped.
 */
export function applyPatch(
  resource: ResourceSchema,
  doc: Json,
  body: unknown,
  dropped: ReadonlySet<string> = new Set(),
): Json {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'The body must be a JSON object.');
  const schemasKey = keyOf(body, 'schemas');
  const schemas = schemasKey ? body[schemasKey] : undefined;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === URN.patchOp.toLowerCase())
  )
    throw badRequest('invalidSyntax', `A PATCH body names the schema ${URN.patchOp}.`);
  const opsKey = keyOf(body, 'Operations');
  const ops = opsKey ? body[opsKey] : undefined;
  if (!Array.isArray(ops) || ops.length === 0)
    throw badRequest('invalidSyntax', "'Operations' must be a non-empty list.");
  if (ops.length > MAX_OPERATIONS) throw badRequest('invalidValue', 'Too many operations in one PATCH.');
  const extra = Object.keys(body).find((k) => ![schemasKey, opsKey].includes(k));
  if (extra) throw badRequest('invalidSyntax', `Unknown member '${extra}' in the PATCH body.`);
  const copy = structuredClone(doc);
  for (const raw of ops) {
    if (!isPlainObject(raw)) throw badRequest('invalidSyntax', 'Each operation must be an object.');
    const opKey = keyOf(raw, 'op');
    const pathKey = keyOf(raw, 'path');
    const valueKey = keyOf(raw, 'value');
    const unknown = Object.keys(raw).find((k) => ![opKey, pathKey, valueKey].includes(k));
    if (unknown) throw badRequest('invalidSyntax', `Unknown member '${unknown}' in an operation.`);
    const opName = opKey ? raw[opKey] : undefined;
    const op = typeof opName === 'string' ? opName.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw badRequest('invalidSyntax', "Each operation's 'op' is add, replace or remove.");
    const path = pathKey ? raw[pathKey] : undefined;
    const value = valueKey ? raw[valueKey] : undefined;
    if (path !== undefined && (typeof path !== 'string' || path === ''))
      throw badRequest('invalidPath', "'path' must be a non-empty string.");
    if (op !== 'remove' && value === undefined) throw badRequest('invalidValue', `'${op}' needs a value.`);
    if (path === undefined) applyWithoutPath(resource, copy, op, value, dropped);
    else applyOne(resource, copy, op, path, value, dropped);
  }
  return copy;
}
