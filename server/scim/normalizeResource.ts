/**
 * Checks and normalises a resource body (POST, PUT, or the result of a PATCH) against its schemas:
 * attribute names made canonical (they are case-insensitive), values coerced where clients are known
 * to send strings (`"active": "False"` from Entra ID), read-only attributes dropped (RFC 7643 §7:
 * ignored on input), unknown attributes refused (400 `invalidValue`), strings bounded, no control
 * characters. What comes out holds only known names with checked values: no `$` key, no prototype key.
 */
import { badRequest } from './scimError.js';
import {
  MAX_STRING,
  findAttribute,
  type AttributeDefinition,
  type ResourceSchema,
} from './schemaDefinitions.js';

/** A normalised value: string, boolean, object of them, or an array of those. */
export type Normal = string | boolean | NormalObject | NormalObject[] | string[];

/** A normalised complex value. */
export interface NormalObject {
  [name: string]: Normal;
}

/** A normalised resource: its core attributes, and each extension's under its URN. */
export interface NormalResource {
  core: NormalObject;
  extensions: Record<string, NormalObject>;
}

/** Limits on multi-valued attributes: members may be many, anything else a handful. */
const MAX_VALUES: Record<string, number> = { members: 10_000 };
const DEFAULT_MAX_VALUES = 20;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A boolean from a boolean or from "true"/"false" in any case (Entra ID sends "False"). */
export function coerceBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

function single(def: AttributeDefinition, value: unknown, where: string): Normal | undefined {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'boolean': {
      const flag = coerceBoolean(value);
      if (flag === undefined) throw badRequest('invalidValue', `'${where}' must be true or false.`);
      return flag;
    }
    case 'complex': {
      if (!isPlainObject(value)) throw badRequest('invalidValue', `'${where}' must be an object.`);
      const out: NormalObject = {};
      for (const [key, inner] of Object.entries(value)) {
        const sub = findAttribute(def.subAttributes ?? [], key);
        if (!sub) throw badRequest('invalidValue', `Unknown attribute '${where}.${key}'.`);
        if (sub.mutability === 'readOnly') continue;
        const normal = single(sub, inner, `${where}.${sub.name}`);
        if (normal !== undefined) out[sub.name] = normal;
      }
      return out;
    }
    default: {
      if (typeof value !== 'string') throw badRequest('invalidValue', `'${where}' must be a string.`);
      if (value.length > MAX_STRING) throw badRequest('invalidValue', `'${where}' is too long.`);
      if (CONTROL.test(value)) throw badRequest('invalidValue', `'${where}' holds control characters.`);
      return value;
    }
  }
}

/** Normalises one attribute's value (null and empty mean unassigned: undefined). */
export function normalizeValue(
  def: AttributeDefinition,
  value: unknown,
  where = def.name,
): Normal | undefined {
  if (!def.multiValued) return single(def, value, where);
  if (value === null || value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length > (MAX_VALUES[def.name] ?? DEFAULT_MAX_VALUES))
    throw badRequest('invalidValue', `'${where}' has too many values.`);
  const out = list.map((v) => single(def, v, where)).filter((v) => v !== undefined);
  if (out.length === 0) return undefined;
  return out as NormalObject[] | string[];
}

function attributes(
  list: readonly AttributeDefinition[],
  body: Record<string, unknown>,
  where: string,
  dropped: ReadonlySet<string>,
): NormalObject {
  const out: NormalObject = {};
  for (const [key, value] of Object.entries(body)) {
    const def = findAttribute(list, key);
    if (!def && key.toLowerCase() === 'schemas' && where !== '') continue;
    if (!def) {
      if (dropped.has(key.toLowerCase())) continue;
      throw badRequest('invalidValue', `Unknown attribute '${where}${key}'.`);
    }
    if (def.mutability === 'readOnly') continue;
    const normal = normalizeValue(def, value, `${where}${def.name}`);
    if (normal !== undefined) out[def.name] = normal;
  }
  return out;
}

/**
 * Normalises a whole resource body. `schemas` must name the core schema (unless `requireSchemas` is
 * false, for a PATCH result); extensions go under their URN; `meta` and other read-only attributes are
 * ignored; `dropped` names accepted attributes that are not kept.
 */
export function normalizeResource(
  resource: ResourceSchema,
  body: unknown,
  options: { requireSchemas: boolean; dropped?: ReadonlySet<string> },
): NormalResource {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'The body must be a JSON object.');
  const dropped = options.dropped ?? new Set<string>();
  const extensionUrn = (key: string) =>
    Object.keys(resource.extensions).find((k) => k.toLowerCase() === key.toLowerCase());
  const core: Record<string, unknown> = {};
  const extensions: Record<string, NormalObject> = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas') {
      if (!Array.isArray(value) || !value.every((s) => typeof s === 'string'))
        throw badRequest('invalidSyntax', "'schemas' must be a list of URNs.");
      const known = [resource.core, ...Object.keys(resource.extensions)].map((s) => s.toLowerCase());
      const unknown = value.find((s: string) => !known.includes(s.toLowerCase()));
      if (unknown) throw badRequest('invalidValue', `Unknown schema '${unknown}'.`);
      if (
        options.requireSchemas &&
        !value.some((s: string) => s.toLowerCase() === resource.core.toLowerCase())
      )
        throw badRequest('invalidSyntax', `'schemas' must include ${resource.core}.`);
      continue;
    }
    if (lower === 'meta') continue;
    const urn = extensionUrn(key);
    if (urn) {
      if (value === null) continue;
      if (!isPlainObject(value)) throw badRequest('invalidValue', `'${urn}' must be an object.`);
      extensions[urn] = attributes(resource.extensions[urn] ?? [], value, `${urn}:`, new Set());
      continue;
    }
    core[key] = value;
  }
  if (options.requireSchemas && !Object.keys(body).some((k) => k.toLowerCase() === 'schemas'))
    throw badRequest('invalidSyntax', "The body needs 'schemas'.");
  return { core: attributes(resource.attributes, core, '', dropped), extensions };
}
