/** `application list`, `application approve`, `application decline`. */
import { ApplicationDecision, ApplicationListQuery } from '../../../shared/schemas/applications.js';
import { ObjectIdString } from '../../../shared/schemas/common.js';
import { decideApplication } from '../../services/applications/decideApplication.js';
import { listApplications } from '../../services/applications/listApplications.js';
import { allPages, parse, table, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

/** The application commands. */
export const applicationCommands: Command[] = [
  {
    name: 'application list',
    usage: 'application list [--status pending|approved|declined]',
    async run(args, out) {
      const { values } = parse(args, { status: { type: 'string' } });
      const query = validate(ApplicationListQuery, { status: values.status, limit: 100 });
      const items = await allPages((cursor) => listApplications(operator(), { ...query, cursor }));
      out.print(items, () =>
        table([
          ['ID', 'CITY', 'COUNTRY', 'CONTACT', 'SUBMITTED', 'STATUS'],
          ...items.map((a) => [
            a.id,
            a.city.name,
            a.city.country,
            `${a.contact.name} <${a.contact.email}>`,
            a.submittedAt,
            a.status,
          ]),
        ]),
      );
    },
  },
  {
    name: 'application approve',
    usage: 'application approve <id> [--slug <city slug>] [--hub <hub slug>] [--reason ..]',
    async run(args, out) {
      const { values, positionals } = parse(args, {
        slug: { type: 'string' },
        hub: { type: 'string' },
        reason: { type: 'string' },
      });
      const id = validate(ObjectIdString, positionals[0]);
      const decision = validate(ApplicationDecision, {
        decision: 'approve',
        slug: values.slug,
        hub: values.hub,
        reason: values.reason,
      });
      const result = await decideApplication(operator(), id, decision);
      out.print(result, () => `approved: city ${result.decision?.city ?? '?'} is now a member`);
    },
  },
  {
    name: 'application decline',
    usage: 'application decline <id> --reason <why>',
    async run(args, out) {
      const { values, positionals } = parse(args, { reason: { type: 'string' } });
      const id = validate(ObjectIdString, positionals[0]);
      const decision = validate(ApplicationDecision, { decision: 'decline', reason: values.reason });
      const result = await decideApplication(operator(), id, decision);
      out.print(result, () => `declined application ${result.id}`);
    },
  },
];
