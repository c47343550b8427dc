/**
 * Just-in-time provisioning: the person behind (provider, NameID), created on first sign-in and
 * updated from the provider's attributes on every sign-in. The person's city is always the
 * provider's city: no attribute can move them to another. Roles follow the provider's role rules:
 *   1. admin and moderator never come from a provider unless its record allows privileged roles;
 *   2. the roles the provider manages (those named by its rules and default roles) are the matched
 *      rules' roles, or the default roles when no rule matched;
 *   3. any other role the person holds (given by an admin, e.g. focal point) is kept.
 */
import type { Profile } from '@node-saml/node-saml';
import type { Role } from '../../../shared/roles.js';
import { isPrivilegedRole } from '../../../shared/policy/directory.js';
import { widensParticipation } from '../../../shared/policy/spaces.js';
import { Types } from 'mongoose';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { personActor } from '../../policy/personActor.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { PersonModel, type PersonDoc } from '../../models/Person.js';
import { isDuplicateKey } from '../../errors.js';
import { SamlRefusal } from './checkResponse.js';
import { assertionAttributes, defaultAttributes } from './defaultAttributes.js';

const MAX_TEXT = 200;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const clean = (value: string) => value.replace(CONTROL, '').trim().slice(0, MAX_TEXT);

function values(attributes: Record<string, unknown>, name: string): string[] {
  const raw = Object.prototype.hasOwnProperty.call(attributes, name) ? attributes[name] : undefined;
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean);
}

function text(value: string | null | undefined): string | null {
  const cleaned = value ? clean(value) : '';
  return cleaned || null;
}

/** The roles a sign-in gives, from the provider's rules and the person's current roles. */
export function rolesFromProvider(
  idp: IdentityProviderDoc,
  groups: string[],
  current: readonly Role[],
): Role[] {
  const allowed = (role: Role) => idp.allowPrivilegedRoles || !isPrivilegedRole(role);
  const managed = new Set<Role>([
    ...idp.roleRules.map((r) => r.role as Role),
    ...(idp.defaultRoles as Role[]),
  ]);
  const matched = idp.roleRules.filter((r) => groups.includes(r.value)).map((r) => r.role as Role);
  const fromProvider = (matched.length > 0 ? matched : (idp.defaultRoles as Role[])).filter(allowed);
  const kept = current.filter((role) => !managed.has(role));
  return [...new Set([...kept, ...fromProvider])];
}

/** What a sign-in made of the person. */
export interface Provisioned {
  person: PersonDoc;
  created: boolean;
  rolesBefore: Role[] | null;
}

/**
 * What a sign-in's attributes give the person. A field the provider's attribute map names is read
 * from that attribute only (an admin overrides every field); any other field from the attribute
 * names the common providers send by default (./defaultAttributes.ts). The NameID stands in for a
 * missing e-mail when it is one.
 */
export function mapAttributes(idp: IdentityProviderDoc, nameId: string, profile: Profile) {
  const map = idp.attributeMap ?? {};
  const attributes = assertionAttributes(profile);
  const recognised = defaultAttributes(attributes);
  const one = (field: 'email' | 'name' | 'position' | 'department') => {
    const configured = map[field];
    return text(configured ? values(attributes, configured)[0] : recognised[field]);
  };
  const groups = map.groups ? values(attributes, map.groups) : recognised.groups;
  return {
    email: (one('email') ?? (nameId.includes('@') ? nameId : null))?.toLowerCase() ?? null,
    name: one('name'),
    position: one('position'),
    department: one('department'),
    groups,
  };
}

/** Finds or creates the person of (provider, NameID), updates them, and returns them. */
export async function provisionPerson(
  idp: IdentityProviderDoc,
  nameId: string,
  profile: Profile,
): Promise<Provisioned> {
  const mapped = mapAttributes(idp, nameId, profile);
  const { email, position, department, groups } = mapped;
  if (!email) throw new SamlRefusal('no e-mail attribute');
  const name = mapped.name ?? email;

  const identity = await PersonIdentityModel.findOne({ idpId: idp._id, subject: nameId }).lean();
  if (identity) {
    const person = await PersonModel.findById(identity.personId).lean();
    if (!person) throw new SamlRefusal('identity without person');
    if (person.status === 'suspended') throw new SamlRefusal('person suspended');
    const roles = rolesFromProvider(idp, groups, person.roles as Role[]);
    const widened =
      widensParticipation(person.roles as Role[], roles) ||
      person.status !== 'active' ||
      String(person.cityId) !== String(idp.cityId);
    const update = {
      ...(widened ? { participationSince: new Date() } : {}),
      name,
      email,
      position,
      organisation: department,
      cityId: idp.cityId,
      roles,
      status: 'active' as const,
    };
    const after = { ...person, ...update };
    const before = person.roles as Role[];
    // A change of roles is stored with its entry (server/audit/auditOutbox.ts).
    const rolesChanged = [...before].sort().join() !== [...roles].sort().join();
    await PersonModel.updateOne(
      { _id: person._id },
      {
        $set: update,
        ...(rolesChanged
          ? auditOutboxPush(
              auditOutboxItem(
                personActor(after),
                'person.roles_changed',
                { type: 'Person', id: String(person._id) },
                { from: before, to: roles, by: `idp:${idp.slug}` },
              ),
            )
          : {}),
      },
    );
    if (rolesChanged) await flushAuditOutbox(PersonModel as never, person._id);
    await PersonIdentityModel.updateOne({ _id: identity._id }, { $set: { lastSignInAt: new Date() } });
    return { person: after, created: false, rolesBefore: before };
  }

  const roles = rolesFromProvider(idp, groups, []);
  // The person is stored with the entry (server/audit/auditOutbox.ts), appended once their identity
  // is linked (a person dropped after a lost race takes it with them).
  const person = new PersonModel({
    _id: new Types.ObjectId(),
    name,
    email,
    cityId: idp.cityId,
    organisation: department,
    roles,
    position,
    languages: [],
    expertise: [],
    status: 'active',
  });
  person.set('auditOutbox', [
    auditOutboxItem(
      personActor(person),
      'person.provisioned',
      { type: 'Person', id: String(person._id) },
      { idp: idp.slug, roles },
    ),
  ]);
  await person.save();
  try {
    await PersonIdentityModel.create({
      idpId: idp._id,
      subject: nameId,
      personId: person._id,
      lastSignInAt: new Date(),
    });
  } catch (error) {
    // Two first sign-ins raced: keep the identity that won, drop our person, use theirs.
    await PersonModel.deleteOne({ _id: person._id });
    if (!isDuplicateKey(error)) throw error;
    return provisionPerson(idp, nameId, profile);
  }
  await flushAuditOutbox(PersonModel as never, person._id);
  const created = person.toObject() as PersonDoc;
  delete (created as { auditOutbox?: unknown }).auditOutbox;
  return { person: created, created: true, rolesBefore: null };
}
