/**
 * SCIM Groups of one provider: create, read, list, replace, patch (members added and removed the ways
 * Entra ID and Okta send them) and delete. Members must be SCIM users of the same provider: any other
 * id, another provider's or another city's included, is refused as `invalidValue` without saying
 * whether it exists. After each change the roles of everyone who joined or left are recomputed from
 * the provider's role rules (scimPerson.ts).
 */
import { Types } from 'mongoose';
import { ScimGroupModel, type ScimGroupDoc } from '../../models/ScimGroup.js';
import { ScimUserModel } from '../../models/ScimUser.js';
import { applyPatch } from '../../scim/applyPatch.js';
import { filterQuery } from '../../scim/filterQuery.js';
import { listResponse, selectAttributes, type ListQuery } from '../../scim/listQuery.js';
import { groupDocument, groupInput, renderGroup, type GroupInput } from '../../scim/resources.js';
import { ScimError, badRequest, notFound } from '../../scim/scimError.js';
import { GROUP_SCHEMA } from '../../scim/schemaDefinitions.js';
import { isDuplicateKey } from '../../errors.js';
import { GROUP_FIELDS } from './scimFieldMaps.js';
import { applyGroupRoles } from './scimPerson.js';
import { auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { auditScim, scimOutboxItem, scope, type ScimContext } from './scimContext.js';
import type { Resource } from './scimUsers.js';

const taken = () =>
  new ScimError(409, 'A group with this displayName exists at this provider.', 'uniqueness');

const objectId = (id: string) => (/^[a-f0-9]{24}$/.test(id) ? new Types.ObjectId(id) : null);

async function memberIds(ctx: ScimContext, ids: string[]): Promise<Types.ObjectId[]> {
  const oids = ids.map(objectId);
  if (oids.some((o) => o === null))
    throw badRequest('invalidValue', 'A member is not a user of this provider.');
  const found = await ScimUserModel.find({ ...scope(ctx), _id: { $in: oids } }, { _id: 1 }).lean();
  if (found.length !== ids.length)
    throw badRequest('invalidValue', 'A member is not a user of this provider.');
  return oids as Types.ObjectId[];
}

function render(ctx: ScimContext, groups: ScimGroupDoc[]): Resource[] {
  return groups.map((g) => renderGroup(g, ctx.baseUrl));
}

async function load(ctx: ScimContext, id: string): Promise<ScimGroupDoc> {
  const oid = objectId(id);
  const group = oid ? await ScimGroupModel.findOne({ _id: oid, ...scope(ctx) }).lean() : null;
  if (!group) throw notFound('Group');
  return group;
}

/** Reads one group. */
export async function getScimGroup(ctx: ScimContext, id: string, query?: ListQuery): Promise<Resource> {
  const resource = renderGroup(await load(ctx, id), ctx.baseUrl);
  return query ? selectAttributes(resource, query.attributes, query.excludedAttributes) : resource;
}

/** Lists groups: filter and paging as for users. */
export async function listScimGroups(ctx: ScimContext, query: ListQuery): Promise<Resource> {
  // Group filters are exact: members are a flat list of ids.
  const filter = query.filter ? filterQuery(GROUP_SCHEMA, GROUP_FIELDS, query.filter).query : {};
  const where = { $and: [scope(ctx), filter] };
  const total = await ScimGroupModel.countDocuments(where);
  const groups =
    query.count === 0
      ? []
      : await ScimGroupModel.find(where)
          .sort({ _id: 1 })
          .skip(query.startIndex - 1)
          .limit(query.count)
          .lean();
  const resources = render(ctx, groups).map((r) =>
    selectAttributes(r, query.attributes, query.excludedAttributes),
  );
  return listResponse(resources, total, query.startIndex);
}

/** Creates a group. */
export async function createScimGroup(ctx: ScimContext, body: unknown): Promise<Resource> {
  const input = groupInput(body);
  const members = await memberIds(ctx, input.memberIds);
  let group;
  // The group is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first; the
  // entry is appended after the members' roles follow.
  const groupId = new Types.ObjectId();
  try {
    group = new ScimGroupModel({
      _id: groupId,
      ...scope(ctx),
      displayName: input.displayName,
      displayNameKey: input.displayName.toLowerCase(),
      externalId: input.externalId,
      memberIds: members,
    });
    group.set('auditOutbox', [
      scimOutboxItem(
        ctx,
        'scim.group_created',
        { type: 'ScimGroup', id: String(groupId), label: input.displayName },
        {
          members: members.length,
        },
      ),
    ]);
    await group.save();
  } catch (error) {
    if (isDuplicateKey(error)) throw taken();
    throw error;
  }
  await applyGroupRoles(ctx, members);
  await flushAuditOutbox(ScimGroupModel as never, groupId);
  return getScimGroup(ctx, String(group._id));
}

async function store(
  ctx: ScimContext,
  current: ScimGroupDoc,
  input: GroupInput,
  action: string,
): Promise<boolean> {
  const members = await memberIds(ctx, input.memberIds);
  const before = new Set(current.memberIds.map(String));
  const after = new Set(members.map(String));
  const added = [...after].filter((m) => !before.has(m));
  const removed = [...before].filter((m) => !after.has(m));
  const renamed = input.displayName !== current.displayName || input.externalId !== current.externalId;
  // Stored with the group's change (server/audit/auditOutbox.ts), appended after the roles follow.
  const entry = scimOutboxItem(
    ctx,
    action,
    { type: 'ScimGroup', id: String(current._id), label: input.displayName },
    {
      added: added.length,
      removed: removed.length,
      renamed,
    },
  );
  let result;
  try {
    result = await ScimGroupModel.updateOne(
      { _id: current._id, ...scope(ctx), version: current.version },
      {
        $set: {
          displayName: input.displayName,
          displayNameKey: input.displayName.toLowerCase(),
          externalId: input.externalId,
          memberIds: members,
        },
        $inc: { version: 1 },
        ...auditOutboxPush(entry),
      },
    );
  } catch (error) {
    if (isDuplicateKey(error)) throw taken();
    throw error;
  }
  if (result.matchedCount !== 1) return false;
  // A new name may match other role rules: then everyone in the group is recomputed.
  const affected = renamed ? [...new Set([...before, ...after])] : [...added, ...removed];
  await applyGroupRoles(
    ctx,
    affected.map((m) => new Types.ObjectId(m)),
  );
  await flushAuditOutbox(ScimGroupModel as never, current._id);
  return true;
}

/** Replaces a group (PUT). */
export async function replaceScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<Resource> {
  const input = groupInput(body);
  for (let attempt = 0; attempt < 5; attempt++)
    if (await store(ctx, await load(ctx, id), input, 'scim.group_replaced')) return getScimGroup(ctx, id);
  throw new ScimError(409, 'The group changed meanwhile; try again.');
}

/** Patches a group (members added, removed or replaced); answers the group. */
export async function patchScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<Resource> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await load(ctx, id);
    const input = groupInput(applyPatch(GROUP_SCHEMA, groupDocument(current), body), false);
    if (await store(ctx, current, input, 'scim.group_patched')) return getScimGroup(ctx, id);
  }
  throw new ScimError(409, 'The group changed meanwhile; try again.');
}

/** Deletes a group; its members' roles are recomputed without it. */
export async function deleteScimGroup(ctx: ScimContext, id: string): Promise<void> {
  const group = await load(ctx, id);
  await ScimGroupModel.deleteOne({ _id: group._id, ...scope(ctx) });
  await applyGroupRoles(ctx, group.memberIds);
  await auditScim(ctx, 'scim.group_deleted', {
    type: 'ScimGroup',
    id: String(group._id),
    label: group.displayName,
  });
}
