/** `hub list`, `hub create`. */
import { HubCreate } from '../../../shared/schemas/hubs.js';
import { createHub } from '../../services/hubs/createHub.js';
import { listHubs } from '../../services/hubs/listHubs.js';
import { allPages, parse, table, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

/** The hub commands. */
export const hubCommands: Command[] = [
  {
    name: 'hub list',
    usage: 'hub list',
    async run(args, out) {
      parse(args, {});
      const hubs = await allPages((cursor) => listHubs(operator(), { limit: 100, cursor }));
      out.print(hubs, () => table([['SLUG', 'NAME'], ...hubs.map((h) => [h.slug, h.name.en])]));
    },
  },
  {
    name: 'hub create',
    usage: 'hub create --slug <slug> --name <English name> [--name-fr ..] [--name-ar ..] [--name-es ..]',
    async run(args, out) {
      const { values } = parse(args, {
        slug: { type: 'string' },
        name: { type: 'string' },
        'name-fr': { type: 'string' },
        'name-ar': { type: 'string' },
        'name-es': { type: 'string' },
      });
      const input = validate(HubCreate, {
        slug: values.slug,
        name: { en: values.name, fr: values['name-fr'], ar: values['name-ar'], es: values['name-es'] },
      });
      const hub = await createHub(operator(), input, { openSpaces: true });
      out.print(hub, () => `created hub ${hub.slug} (${hub.id})`);
    },
  },
];
