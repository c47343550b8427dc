/**
 * Personal API tokens: created by an admin or operator for a person, shown once, stored as a SHA-256
 * hash, expiring, revocable. A request with a bad token is refused, never treated as anonymous.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Actor, PersonActor } from '../../../shared/policy/actor.js';
import { ApiTokenModel } from '../../models/ApiToken.js';
import { PersonModel } from '../../models/Person.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { personActor } from '../../policy/personActor.js';

const PREFIX = 'cct_';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a token for a person and returns its only plain-text copy. */
export async function createApiToken(
  actor: Actor,
  personId: string,
  label: string,
  days: number,
): Promise<{ token: string; expiresAt: string }> {
  await authorize(actor, 'create', 'ApiToken');
  const person = await PersonModel.findById(personId, { _id: 1 }).lean();
  if (!person) throw new NotFoundError('Person');
  const token = PREFIX + randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  // The token is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const tokenId = new Types.ObjectId();
  const stored = new ApiTokenModel({
    _id: tokenId,
    tokenHash: hashOf(token),
    personId: person._id,
    label,
    createdAt: now,
    expiresAt,
  });
  stored.set('auditOutbox', [
    auditOutboxItem(
      actor,
      'api_token.created',
      { type: 'ApiToken', id: String(tokenId) },
      { person: personId, label, expiresAt },
    ),
  ]);
  await stored.save();
  await flushAuditOutbox(ApiTokenModel as never, tokenId);
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Revokes every token of a person. */
export async function revokeApiTokens(actor: Actor, personId: string): Promise<number> {
  await authorize(actor, 'delete', 'ApiToken');
  const live = await ApiTokenModel.find({ personId, revokedAt: null }, { _id: 1 }).lean();
  const target = { type: 'Person', id: personId };
  if (live.length === 0) {
    // Nothing to revoke, so no stored change to carry the entry.
    await recordAudit(actor, 'api_token.revoked', target, { count: 0 });
    return 0;
  }
  // Every revoked token carries the same entry (one id), written with its revocation: it is appended
  // once, whichever is processed first (server/audit/auditOutbox.ts).
  const entry = auditOutboxItem(actor, 'api_token.revoked', target, { count: live.length });
  const ids = live.map((t) => t._id);
  const result = await ApiTokenModel.updateMany(
    { _id: { $in: ids }, revokedAt: null },
    { $set: { revokedAt: new Date() }, ...auditOutboxPush(entry) },
  );
  for (const id of ids) await flushAuditOutbox(ApiTokenModel as never, id);
  return result.modifiedCount;
}

/** The actor a bearer token stands for. Throws Unauthenticated for any token that is not valid now. */
export async function actorFromApiToken(token: string): Promise<PersonActor> {
  if (!token.startsWith(PREFIX) || token.length > 100)
    throw new UnauthenticatedError('The API token is not valid.');
  const stored = await ApiTokenModel.findOne({ tokenHash: hashOf(token) }).lean();
  if (!stored || stored.revokedAt || stored.expiresAt.getTime() <= Date.now())
    throw new UnauthenticatedError('The API token is not valid or has expired.');
  const person = await PersonModel.findById(stored.personId).lean();
  if (!person || person.status !== 'active')
    throw new UnauthenticatedError('The API token belongs to an account that is not active.');
  return personActor(person);
}
