/**
 * SCIM Users of one provider (RFC 7644 §3): create, read, list with filter and paging, replace,
 * patch and delete. Every query is scoped to the token's provider and city (scimContext.ts), so
 * another city's people are "not found", whatever id or filter is sent.
 *
 * DELETE deactivates: the person is suspended (sessions and sockets end), the SCIM record goes and
 * they leave the provider's groups; their identity at the provider stays linked, so signing in again
 * through it is refused as for any suspended person, and a later create of the same user finds them
 * still suspended until an admin lifts it. The person record and
 * their material stay under the existing rules (a suspended person of the city, as an admin's
 * suspension leaves them); erasing them is the erasure service's deliberate act, never a directory
 * sync's side effect, since a directory mistake must not destroy material others rely on.
 */
import { Types } from 'mongoose';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { PersonModel } from '../../models/Person.js';
import { ScimGroupModel } from '../../models/ScimGroup.js';
import { ScimUserModel, type ScimUserDoc } from '../../models/ScimUser.js';
import { applyPatch } from '../../scim/applyPatch.js';
import { filterQuery } from '../../scim/filterQuery.js';
import { listResponse, selectAttributes, type ListQuery } from '../../scim/listQuery.js';
import { renderUser, userDocument, userInput, type UserInput } from '../../scim/resources.js';
import { evaluateFilter } from '../../scim/evaluateFilter.js';
import { ScimError, badRequest, notFound } from '../../scim/scimError.js';
import { USER_ATTRIBUTES_DROPPED, USER_SCHEMA } from '../../scim/schemaDefinitions.js';
import { isDuplicateKey } from '../../errors.js';
import { USER_FIELDS } from './scimFieldMaps.js';
import { applyGroupRoles, createPersonFor, setPersonActive, updatePersonFields } from './scimPerson.js';
import { auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { auditScim, scimOutboxItem, scope, type ScimContext } from './scimContext.js';

/** A SCIM resource as JSON. */
export type Resource = Record<string, unknown>;

const taken = () => new ScimError(409, 'A user with this userName exists at this provider.', 'uniqueness');

const objectId = (id: string) => (/^[a-f0-9]{24}$/.test(id) ? new Types.ObjectId(id) : null);

async function render(ctx: ScimContext, users: ScimUserDoc[]): Promise<Resource[]> {
  const groups = await ScimGroupModel.find(
    { ...scope(ctx), memberIds: { $in: users.map((u) => u._id) } },
    { displayName: 1, memberIds: 1 },
  ).lean();
  return users.map((user) =>
    renderUser(
      user,
      ctx.baseUrl,
      groups
        .filter((g) => g.memberIds.some((m) => m.equals(user._id)))
        .map((g) => ({ id: String(g._id), displayName: g.displayName })),
    ),
  );
}

async function load(ctx: ScimContext, id: string): Promise<ScimUserDoc> {
  const oid = objectId(id);
  const user = oid ? await ScimUserModel.findOne({ _id: oid, ...scope(ctx) }).lean() : null;
  if (!user) throw notFound('User');
  return user;
}

/** Reads one user. */
export async function getScimUser(ctx: ScimContext, id: string): Promise<Resource> {
  const [resource] = await render(ctx, [await load(ctx, id)]);
  if (!resource) throw notFound('User');
  return resource;
}

/** The most candidates a filter the database answers only approximately may leave to check in memory. */
const MAX_CANDIDATES = 5000;

/** Lists users: filter, startIndex and count (RFC 7644 §3.4.2), attributes selection. */
export async function listScimUsers(ctx: ScimContext, query: ListQuery): Promise<Resource> {
  const translated = query.filter
    ? filterQuery(USER_SCHEMA, USER_FIELDS, query.filter)
    : { query: {}, exact: true };
  const where = { $and: [scope(ctx), translated.query] };
  let total: number;
  let users: ScimUserDoc[];
  if (translated.exact) {
    total = await ScimUserModel.countDocuments(where);
    users =
      query.count === 0
        ? []
        : await ScimUserModel.find(where)
            .sort({ _id: 1 })
            .skip(query.startIndex - 1)
            .limit(query.count)
            .lean();
  } else {
    // e-mail value filters: the query gave a superset; each candidate is checked exactly.
    if ((await ScimUserModel.countDocuments(where)) > MAX_CANDIDATES)
      throw badRequest('tooMany', 'The filter matches too many users to check; narrow it.');
    const filter = query.filter;
    const candidates = await ScimUserModel.find(where).sort({ _id: 1 }).lean();
    const matching = candidates.filter(
      (u) =>
        !filter ||
        evaluateFilter(
          USER_SCHEMA,
          { ...userDocument(u), meta: { created: u.createdAt, lastModified: u.updatedAt } },
          filter,
        ),
    );
    total = matching.length;
    users = matching.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  }
  const resources = (await render(ctx, users)).map((r) =>
    selectAttributes(r, query.attributes, query.excludedAttributes),
  );
  return listResponse(resources, total, query.startIndex);
}

/** Creates a user (or takes over the person a SAML sign-in already made for this userName). */
export async function createScimUser(ctx: ScimContext, body: unknown): Promise<Resource> {
  const input = userInput(body);
  const key = input.userName.toLowerCase();
  if (await ScimUserModel.exists({ idpId: ctx.idp._id, userNameKey: key })) throw taken();
  const identity = await PersonIdentityModel.findOne({ idpId: ctx.idp._id, subject: input.userName }).lean();
  const existing = identity
    ? await PersonModel.findOne({ _id: identity.personId, cityId: ctx.idp.cityId }).lean()
    : null;
  const person = existing ?? (await createPersonFor(ctx, input));
  let user;
  // The user is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first; the
  // entry is appended once every step below is done (a step that fails deletes the user, and it).
  const userId = new Types.ObjectId();
  try {
    user = new ScimUserModel({
      _id: userId,
      ...scope(ctx),
      personId: person._id,
      userName: input.userName,
      userNameKey: key,
      externalId: input.externalId,
      active: input.active,
      suspendedPerson: !existing && input.active === false,
      attributes: input.attributes,
    });
    user.set('auditOutbox', [
      scimOutboxItem(
        ctx,
        'scim.user_created',
        { type: 'Person', id: String(person._id) },
        {
          scimId: String(userId),
          adopted: Boolean(existing),
          active: input.active,
        },
      ),
    ]);
    await user.save();
  } catch (error) {
    if (!existing) await PersonModel.deleteOne({ _id: person._id });
    if (isDuplicateKey(error)) throw taken();
    throw error;
  }
  if (!existing) {
    try {
      // Never signed in yet: lastSignInAt is the epoch until the first SAML sign-in sets it.
      await PersonIdentityModel.create({
        idpId: ctx.idp._id,
        subject: input.userName,
        personId: person._id,
        lastSignInAt: new Date(0),
      });
    } catch (error) {
      await ScimUserModel.deleteOne({ _id: user._id });
      await PersonModel.deleteOne({ _id: person._id });
      if (isDuplicateKey(error)) throw taken();
      throw error;
    }
  } else {
    await updatePersonFields(ctx, person._id, input);
    const holds = await setPersonActive(ctx, person._id, input.active !== false, false);
    if (holds) await ScimUserModel.updateOne({ _id: user._id }, { $set: { suspendedPerson: true } });
  }
  await applyGroupRoles(ctx, [user._id]);
  await flushAuditOutbox(ScimUserModel as never, userId);
  return getScimUser(ctx, String(user._id));
}

/** Stores a checked user over the current one (PUT and PATCH end here); retried by the caller on a race. */
async function store(
  ctx: ScimContext,
  current: ScimUserDoc,
  input: UserInput,
  action: string,
): Promise<boolean> {
  const key = input.userName.toLowerCase();
  if (key !== current.userNameKey && (await ScimUserModel.exists({ idpId: ctx.idp._id, userNameKey: key })))
    throw taken();
  const target = { type: 'Person', id: String(current.personId) };
  // Unassigned counts as active: only `false` deactivates.
  const active = input.active !== false;
  const changed = active !== (current.active !== false);
  // The entries are stored with the user's change (server/audit/auditOutbox.ts) and appended once the
  // person follows; a failure in between leaves them to the sweep (and the directory retries).
  const entries = [
    ...(changed
      ? [
          scimOutboxItem(ctx, active ? 'scim.user_reactivated' : 'scim.user_deactivated', target, {
            scimId: String(current._id),
          }),
        ]
      : []),
    scimOutboxItem(ctx, action, target, { scimId: String(current._id) }),
  ];
  let result;
  try {
    result = await ScimUserModel.updateOne(
      { _id: current._id, ...scope(ctx), version: current.version },
      {
        $set: {
          userName: input.userName,
          userNameKey: key,
          externalId: input.externalId,
          active: input.active,
          attributes: input.attributes,
        },
        $inc: { version: 1 },
        ...auditOutboxPush(...entries),
      },
    );
  } catch (error) {
    if (isDuplicateKey(error)) throw taken();
    throw error;
  }
  if (result.matchedCount !== 1) return false;
  if (input.userName !== current.userName) {
    try {
      await PersonIdentityModel.updateOne(
        { idpId: ctx.idp._id, personId: current.personId },
        { $set: { subject: input.userName } },
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw taken();
      throw error;
    }
  }
  const applyActive = async () => {
    const holds = await setPersonActive(ctx, current.personId, active, current.suspendedPerson);
    if (holds !== current.suspendedPerson)
      await ScimUserModel.updateOne({ _id: current._id }, { $set: { suspendedPerson: holds } });
  };
  // A deactivation is applied first and every time it is sent (it is idempotent), never decided on the
  // stored flag alone: a refusal of another field, or a failure after the flag was stored, must not
  // leave a person the directory deprovisioned signed in; the directory's retry then completes it.
  if (!active) await applyActive();
  await updatePersonFields(ctx, current.personId, input);
  if (active && changed) await applyActive();
  await flushAuditOutbox(ScimUserModel as never, current._id);
  return true;
}

/** Replaces a user (PUT). */
export async function replaceScimUser(ctx: ScimContext, id: string, body: unknown): Promise<Resource> {
  const input = userInput(body);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await store(ctx, await load(ctx, id), input, 'scim.user_replaced')) return getScimUser(ctx, id);
  }
  throw new ScimError(409, 'The user changed meanwhile; try again.');
}

/** Patches a user (RFC 7644 §3.5.2); the result is checked like a PUT. */
export async function patchScimUser(ctx: ScimContext, id: string, body: unknown): Promise<Resource> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await load(ctx, id);
    const patched = applyPatch(USER_SCHEMA, userDocument(current), body, USER_ATTRIBUTES_DROPPED);
    const input = userInput(patched, false);
    if (await store(ctx, current, input, 'scim.user_patched')) return getScimUser(ctx, id);
  }
  throw new ScimError(409, 'The user changed meanwhile; try again.');
}

/** Deletes a user: deactivates the person (see the module comment). */
export async function deleteScimUser(ctx: ScimContext, id: string): Promise<void> {
  const user = await load(ctx, id);
  const holds = await setPersonActive(ctx, user.personId, false, user.suspendedPerson);
  // The identity stays linked to the suspended person, so a later sign-in through the provider finds
  // them and is refused, instead of making a fresh active account (directories delete users who are
  // only out of the application's scope, and the provider may still authenticate them).
  await ScimGroupModel.updateMany(
    { ...scope(ctx), memberIds: user._id },
    { $pull: { memberIds: user._id }, $inc: { version: 1 } },
  );
  await ScimUserModel.deleteOne({ _id: user._id, ...scope(ctx) });
  await auditScim(
    ctx,
    'scim.user_deleted',
    { type: 'Person', id: String(user.personId) },
    {
      scimId: String(user._id),
      suspended: holds,
    },
  );
}
