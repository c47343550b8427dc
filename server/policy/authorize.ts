/**
 * The one road for directory permission checks in services: per-item checks that throw, query
 * filters for lists, and field checks for presenters. A refusal is recorded in the audit log.
 */
import { subject as tag } from '@casl/ability';
import { accessibleBy } from '@casl/mongoose';
import type { Types } from 'mongoose';
import {
  defineDirectoryAbility,
  type DirectoryAbility,
  type DirectoryAction,
  type DirectorySubjectType,
} from '../../shared/policy/directory.js';
import type { Actor } from '../../shared/policy/actor.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { recordAudit } from '../audit/recordAudit.js';

type Subject = DirectorySubjectType;

/** The directory ability of an actor. */
export function abilityOf(actor: Actor): DirectoryAbility {
  return defineDirectoryAbility(actor);
}

function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && '_bsontype' in value) return String(value as Types.ObjectId);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Turns a stored document into a policy subject: ObjectIds become strings, as the rules expect. */
export function asSubject(type: Subject, doc: Record<string, unknown>): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) view[key] = plain(value);
  return tag(type, view);
}

/** Whether the actor may act on the item (or on the type, without an item); optionally on one field. */
export function can(
  actor: Actor,
  action: DirectoryAction,
  type: Subject,
  doc?: Record<string, unknown>,
  field?: string,
): boolean {
  const ability = abilityOf(actor);
  return doc ? ability.can(action, asSubject(type, doc) as never, field) : ability.can(action, type, field);
}

/** Throws unless the actor may act; records the refusal. Anonymous actors get "sign in" instead. */
export async function authorize(
  actor: Actor,
  action: DirectoryAction,
  type: Subject,
  doc?: Record<string, unknown>,
  field?: string,
): Promise<void> {
  if (can(actor, action, type, doc, field)) return;
  await recordAudit(actor, 'authz.refused', doc ? { type, id: String(doc._id) } : { type }, {
    action,
    field: field ?? null,
  });
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError();
}

/** The MongoDB filter of what the actor may `action`, to be combined with other filters under `$and`. */
export function accessFilter(actor: Actor, action: DirectoryAction, type: Subject): Record<string, unknown> {
  return accessibleBy(abilityOf(actor), action).ofType(type) as Record<string, unknown>;
}
