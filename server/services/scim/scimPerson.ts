/**
 * The person side of SCIM provisioning, with the rules of SAML sign-in
 * (server/auth/saml/provisionPerson.ts): the person's city is always the provider's city; their name,
 * e-mail, position and organisation follow the directory; roles follow the provider's role rules over
 * the groups they are in (privileged roles only when the provider allows them; roles an admin gave
 * outside the rules are kept). `active: false` suspends the person and ends every session and open
 * socket at once, on every node (the `sessions.ended` event); `active: true` lifts only a suspension
 * SCIM made.
 */
import type { Types } from 'mongoose';
import { endsActiveAdmin } from '../../../shared/policy/directory.js';
import { widensParticipation } from '../../../shared/policy/spaces.js';
import type { Role } from '../../../shared/roles.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { rolesFromProvider } from '../../auth/saml/provisionPerson.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { PersonModel, type PersonDoc } from '../../models/Person.js';
import { ScimGroupModel } from '../../models/ScimGroup.js';
import { ScimUserModel } from '../../models/ScimUser.js';
import { badRequest } from '../../scim/scimError.js';
import type { UserInput } from '../../scim/resources.js';
import { ConflictError } from '../../errors.js';
import { requireAnotherActiveAdmin } from '../people/requireAnotherActiveAdmin.js';
import { auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { auditScim, scimOutboxItem, scope, type ScimContext } from './scimContext.js';

const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

const clip = (s: string | undefined | null) => {
  const t = s?.trim();
  return t ? t.slice(0, MAX_TEXT) : null;
};

/** The person fields a SCIM user gives: name, e-mail, position, organisation. */
export function personFields(input: UserInput): {
  name: string;
  email: string;
  position: string | null;
  organisation: string | null;
} {
  const a = input.attributes;
  const emails = a.emails ?? [];
  const chosen =
    emails.find((e) => e.primary) ?? emails.find((e) => e.type?.toLowerCase() === 'work') ?? emails[0];
  const email = (chosen?.value ?? (EMAIL.test(input.userName) ? input.userName : '')).toLowerCase();
  if (!email)
    throw badRequest('invalidValue', "An e-mail is needed: give 'emails' or an e-mail as 'userName'.");
  const given = [a.name?.givenName, a.name?.familyName].filter(Boolean).join(' ');
  const name = clip(a.displayName) ?? clip(a.name?.formatted) ?? clip(given) ?? email;
  const department = a.enterprise?.department;
  return {
    name,
    email: email.slice(0, 320),
    position: clip(a.title),
    organisation: clip(typeof department === 'string' ? department : null),
  };
}

/** The group names (displayName and externalId) of a SCIM user, for the role rules (case-insensitive). */
async function groupNames(ctx: ScimContext, scimUserId: Types.ObjectId): Promise<string[]> {
  const groups = await ScimGroupModel.find(
    { ...scope(ctx), memberIds: scimUserId },
    { displayName: 1, externalId: 1 },
  ).lean();
  const names = groups.flatMap((g) => [g.displayName, ...(g.externalId ? [g.externalId] : [])]);
  // Directory group names are compared without case: `Mayors` matches a rule written `mayors`.
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const ruleValues = ctx.idp.roleRules.map((r) => r.value).filter((v) => lower.has(v.toLowerCase()));
  return [...new Set([...names, ...ruleValues])];
}

/**
 * Sets a person's roles from the groups their SCIM user is in. The last active admin keeps their
 * roles (recorded) rather than the network losing its last admin through a directory change.
 */
export async function applyGroupRoles(ctx: ScimContext, scimUserIds: unknown[]): Promise<void> {
  const users = await ScimUserModel.find(
    { ...scope(ctx), _id: { $in: scimUserIds } },
    { personId: 1 },
  ).lean();
  for (const user of users) {
    const person = await PersonModel.findOne({ _id: user.personId, cityId: ctx.idp.cityId }).lean();
    if (!person) continue;
    const before = person.roles as Role[];
    const next = rolesFromProvider(ctx.idp, await groupNames(ctx, user._id), before);
    if (JSON.stringify([...next].sort()) === JSON.stringify([...before].sort())) continue;
    if (endsActiveAdmin(person, { roles: next })) {
      try {
        await requireAnotherActiveAdmin(String(person._id));
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        await auditScim(
          ctx,
          'scim.roles_kept',
          { type: 'Person', id: String(person._id) },
          { reason: 'last_admin' },
        );
        continue;
      }
    }
    // The roles are stored with their entry (server/audit/auditOutbox.ts).
    const result = await PersonModel.updateOne(
      { _id: person._id, roles: person.roles },
      {
        $set: widensParticipation(before, next)
          ? { roles: next, participationSince: new Date() }
          : { roles: next },
        ...auditOutboxPush(
          scimOutboxItem(
            ctx,
            'scim.roles_changed',
            { type: 'Person', id: String(person._id) },
            { from: before, to: next },
          ),
        ),
      },
    );
    if (result.matchedCount !== 1) continue;
    await flushAuditOutbox(PersonModel as never, person._id);
    emitAccessEvent({ personId: String(person._id) });
  }
}

/** Creates the person of a new SCIM user (city of the provider; suspended if it comes inactive). */
export async function createPersonFor(ctx: ScimContext, input: UserInput): Promise<PersonDoc> {
  const fields = personFields(input);
  const person = await PersonModel.create({
    ...fields,
    cityId: ctx.idp.cityId,
    roles: rolesFromProvider(ctx.idp, [], []),
    languages: [],
    expertise: [],
    status: input.active === false ? 'suspended' : 'active',
  });
  return person.toObject() as PersonDoc;
}

/** Brings the person's fields in line with the directory (never their city: it is the provider's). */
export async function updatePersonFields(
  ctx: ScimContext,
  personId: unknown,
  input: UserInput,
): Promise<void> {
  await PersonModel.updateOne({ _id: personId, cityId: ctx.idp.cityId }, { $set: personFields(input) });
}

/**
 * Suspends the person (`active` false) or lifts a suspension SCIM made (`active` true); returns whether
 * this SCIM user now holds the person's suspension. Suspension ends their sessions and sockets.
 */
export async function setPersonActive(
  ctx: ScimContext,
  personId: unknown,
  active: boolean,
  heldSuspension: boolean,
): Promise<boolean> {
  const person = await PersonModel.findOne({ _id: personId, cityId: ctx.idp.cityId }).lean();
  if (!person) return false;
  if (!active) {
    let holds = heldSuspension;
    if (person.status !== 'suspended') {
      if (endsActiveAdmin(person, { status: 'suspended' }))
        await requireAnotherActiveAdmin(String(person._id));
      const result = await PersonModel.updateOne(
        { _id: person._id, status: person.status },
        { $set: { status: 'suspended' } },
      );
      holds = result.matchedCount === 1 || heldSuspension;
    }
    await endPersonSessions(String(person._id));
    return holds;
  }
  if (heldSuspension && person.status === 'suspended')
    await PersonModel.updateOne(
      { _id: person._id, status: 'suspended' },
      { $set: { status: 'active', participationSince: new Date() } },
    );
  return false;
}
