/** `person list`, `person create`, `person roles`, `person status`. */
import {
  PeopleListQuery,
  PersonCreate,
  PersonRolesUpdate,
  PersonStatusChange,
} from '../../../shared/schemas/people.js';
import { Email } from '../../../shared/schemas/common.js';
import { PersonModel } from '../../models/Person.js';
import { InvalidError, NotFoundError } from '../../errors.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { createPerson } from '../../services/people/createPerson.js';
import { listPeople } from '../../services/people/listPeople.js';
import { setPersonRoles } from '../../services/people/setPersonRoles.js';
import { setPersonStatus } from '../../services/people/setPersonStatus.js';
import { allPages, list, parse, table, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

/**
 * The id of the person with this e-mail: the local account's owner, else the one person from an
 * identity provider with it (the same e-mail at two providers is two people: then it is ambiguous).
 */
export async function personIdByEmail(email: string | undefined): Promise<string> {
  const address = validate(Email, email);
  const local = await LocalCredentialModel.findOne({ email: address }, { personId: 1 }).lean();
  if (local) return String(local.personId);
  const people = await PersonModel.find({ email: address }, { _id: 1 }).limit(2).lean();
  if (people.length > 1) throw new InvalidError(`Several people have the e-mail ${address}; use their id.`);
  if (!people[0]) throw new NotFoundError(`Person with e-mail ${address}`);
  return String(people[0]._id);
}

/** The people commands. */
export const personCommands: Command[] = [
  {
    name: 'person list',
    usage: 'person list [--city <slug>] [--role <role>]',
    async run(args, out) {
      const { values } = parse(args, { city: { type: 'string' }, role: { type: 'string' } });
      const query = validate(PeopleListQuery, { city: values.city, role: values.role, limit: 100 });
      const people = await allPages((cursor) => listPeople(operator(), { ...query, cursor }));
      out.print(people, () =>
        table([
          ['ID', 'NAME', 'E-MAIL', 'CITY/ORGANISATION', 'ROLES', 'STATUS'],
          ...people.map((p) => [
            p.id,
            p.name,
            p.email ?? '',
            p.city ?? p.organisation ?? '',
            p.roles.join(','),
            p.status,
          ]),
        ]),
      );
    },
  },
  {
    name: 'person create',
    usage:
      'person create --name <name> --email <e-mail> (--city <slug> | --organisation <name>) --roles <role,role> [--position ..] [--languages en,fr] [--expertise tag,tag] [--status invited|active]',
    async run(args, out) {
      const { values } = parse(args, {
        name: { type: 'string' },
        email: { type: 'string' },
        city: { type: 'string' },
        organisation: { type: 'string' },
        roles: { type: 'string' },
        position: { type: 'string' },
        languages: { type: 'string' },
        expertise: { type: 'string' },
        status: { type: 'string' },
      });
      const input = validate(PersonCreate, {
        name: values.name,
        email: values.email,
        city: values.city,
        organisation: values.organisation,
        roles: list(values.roles),
        position: values.position,
        languages: list(values.languages),
        expertise: list(values.expertise),
        status: values.status,
      });
      const person = await createPerson(operator(), input);
      out.print(
        person,
        () => `created ${person.name} (${person.id}), ${person.status}, roles ${person.roles.join(',')}`,
      );
    },
  },
  {
    name: 'person roles',
    usage: 'person roles <e-mail> <role,role>',
    async run(args, out) {
      const { positionals } = parse(args, {});
      const input = validate(PersonRolesUpdate, { roles: list(positionals[1]) ?? [] });
      const person = await setPersonRoles(operator(), await personIdByEmail(positionals[0]), input.roles);
      out.print(person, () => `${person.name} now has roles ${person.roles.join(',')}`);
    },
  },
  {
    name: 'person status',
    usage: 'person status <e-mail> <invited|active|suspended> --reason <why>',
    async run(args, out) {
      const { values, positionals } = parse(args, { reason: { type: 'string' } });
      const input = validate(PersonStatusChange, { status: positionals[1], reason: values.reason });
      const person = await setPersonStatus(
        operator(),
        await personIdByEmail(positionals[0]),
        input.status,
        input.reason,
      );
      out.print(person, () => `${person.name} is now ${person.status}`);
    },
  },
];
