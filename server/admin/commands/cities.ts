/** `city list`, `city create`, `city status`. */
import {
  CityCreate,
  CityListQuery,
  CityStatusChange,
  CITY_STATUSES,
} from '../../../shared/schemas/cities.js';
import { changeCityStatus } from '../../services/cities/changeCityStatus.js';
import { createCity } from '../../services/cities/createCity.js';
import { listCities } from '../../services/cities/listCities.js';
import { allPages, parse, table, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

/** The city commands. */
export const cityCommands: Command[] = [
  {
    name: 'city list',
    usage: `city list [--status ${CITY_STATUSES.join('|')}] [--hub <slug>]`,
    async run(args, out) {
      const { values } = parse(args, { status: { type: 'string' }, hub: { type: 'string' } });
      const query = validate(CityListQuery, { status: values.status, hub: values.hub, limit: 100 });
      const cities = await allPages((cursor) => listCities(operator(), { ...query, cursor }));
      out.print(cities, () =>
        table([
          ['SLUG', 'NAME', 'KIND', 'COUNTRY', 'HUB', 'STATUS'],
          ...cities.map((c) => [c.slug, c.name, c.kind, c.country, c.hub, c.status]),
        ]),
      );
    },
  },
  {
    name: 'city create',
    usage:
      'city create --slug <slug> --name <name> --kind <kind> --country <ISO code> --hub <hub slug> [--status applicant|member] [--pledged-by <who>] [--isc]',
    async run(args, out) {
      const { values } = parse(args, {
        slug: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        country: { type: 'string' },
        hub: { type: 'string' },
        status: { type: 'string' },
        'pledged-by': { type: 'string' },
        isc: { type: 'boolean' },
      });
      const input = validate(CityCreate, {
        slug: values.slug,
        name: values.name,
        kind: values.kind,
        country: values.country?.toUpperCase(),
        hub: values.hub,
        status: values.status,
        iscSeat: values.isc ?? false,
        pledgedBy: values['pledged-by'],
      });
      const city = await createCity(operator(), input);
      out.print(city, () => `created city ${city.slug} (${city.status})`);
    },
  },
  {
    name: 'city status',
    usage: `city status <slug> <${CITY_STATUSES.join('|')}> --reason <why> [--pledged-by <who>]`,
    async run(args, out) {
      const { values, positionals } = parse(args, {
        reason: { type: 'string' },
        'pledged-by': { type: 'string' },
      });
      const [slug, status] = positionals;
      const input = validate(CityStatusChange, {
        status,
        reason: values.reason,
        pledgedBy: values['pledged-by'],
      });
      const city = await changeCityStatus(operator(), slug ?? '', input);
      out.print(city, () => `city ${city.slug} is now ${city.status}`);
    },
  },
];
