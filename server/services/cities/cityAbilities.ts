/** What an actor may do with a city, asked of the policy, sent with the city for the console. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { CityDoc } from '../../models/City.js';
import { can } from '../../policy/authorize.js';

/** The city's abilities: rename, move hub, ISC seat, focal points, lifecycle step. */
export function cityAbilities(actor: Actor, doc: CityDoc) {
  const subject = doc as unknown as Record<string, unknown>;
  const may = (field: string) => can(actor, 'update', 'City', subject, field);
  return {
    rename: may('name'),
    changeHub: may('hub'),
    iscSeat: may('iscSeat'),
    focalPoints: may('focalPointIds'),
    setStatus: can(actor, 'setStatus', 'City', subject),
  };
}
