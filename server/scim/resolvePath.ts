/**
 * Resolves an attribute path (filterParser.ts) against a resource's schemas: which schema, which
 * attribute, which sub-attribute, with their canonical names. Names are case-insensitive; a path
 * without a URN is looked up in the core schema, then (leniently, as clients do) in the extensions.
 */
import type { AttrPath } from './filterParser.js';
import { badRequest, type ScimType } from './scimError.js';
import {
  META_ATTRIBUTE,
  findAttribute,
  type AttributeDefinition,
  type ResourceSchema,
} from './schemaDefinitions.js';

/** A path resolved to its definitions. */
export interface ResolvedPath {
  /** The schema URN the attribute belongs to (the core schema's for `meta`). */
  schema: string;
  /** Whether it lives in an extension (stored and rendered under the extension's URN). */
  extension: boolean;
  attr: AttributeDefinition;
  sub: AttributeDefinition | null;
}

function schemaOf(
  resource: ResourceSchema,
  urn: string,
): { urn: string; list: readonly AttributeDefinition[] } | null {
  if (urn.toLowerCase() === resource.core.toLowerCase())
    return { urn: resource.core, list: [...resource.attributes, META_ATTRIBUTE] };
  const ext = Object.keys(resource.extensions).find((k) => k.toLowerCase() === urn.toLowerCase());
  return ext ? { urn: ext, list: resource.extensions[ext] ?? [] } : null;
}

/** Resolves a path; throws `scimType` (invalidFilter or invalidPath) when it names nothing kept. */
export function resolvePath(resource: ResourceSchema, path: AttrPath, scimType: ScimType): ResolvedPath {
  const candidates = path.schema
    ? [schemaOf(resource, path.schema)]
    : [
        schemaOf(resource, resource.core),
        ...Object.keys(resource.extensions).map((k) => schemaOf(resource, k)),
      ];
  for (const schema of candidates) {
    if (!schema) continue;
    const attr = findAttribute(schema.list, path.attr);
    if (!attr) continue;
    let sub: AttributeDefinition | null = null;
    if (path.sub) {
      sub = findAttribute(attr.subAttributes ?? [], path.sub) ?? null;
      if (!sub) throw badRequest(scimType, `Unknown sub-attribute '${path.attr}.${path.sub}'.`);
    }
    return { schema: schema.urn, extension: schema.urn !== resource.core, attr, sub };
  }
  const written = [path.schema, [path.attr, path.sub].filter(Boolean).join('.')].filter(Boolean).join(':');
  throw badRequest(scimType, `Unknown attribute '${written}'.`);
}
