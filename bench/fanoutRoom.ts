/**
 * The room of `bench/fanout.ts`, made through the real services: a hub, a member city, and the
 * city's room (kind `city`: every person of the city takes part by derived membership, so a thousand
 * people need no membership documents). GREEN by default, the common case (AMBER+STRICT and RED
 * deliveries add an audit entry per message, off the delivery path).
 */
import { Types } from 'mongoose';
import type { OperatorActor } from '../shared/policy/actor.js';
import { createCity } from '../server/services/cities/createCity.js';
import { createHub } from '../server/services/hubs/createHub.js';
import { createSpace } from '../server/services/spaces/createSpace.js';

const OPERATOR: OperatorActor = { kind: 'operator', name: 'fanout bench' };

/** The bench room and the city whose people take part in it. */
export interface BenchRoom {
  roomId: string;
  cityId: Types.ObjectId;
}

/** Creates the hub, city and room. */
export async function createBenchRoom(): Promise<BenchRoom> {
  await createHub(OPERATOR, { slug: 'bench', name: { en: 'Bench' }, coordinatorIds: [] });
  const city = await createCity(OPERATOR, {
    slug: 'bench',
    name: 'Bench City',
    kind: 'city',
    country: 'FR',
    hub: 'bench',
    status: 'member',
    iscSeat: false,
    pledgedBy: 'Mayor',
  });
  const room = await createSpace(OPERATOR, {
    slug: 'bench-room',
    name: 'Bench room',
    description: '',
    kind: 'city',
    ceiling: 'AMBER',
    defaultLabel: 'GREEN',
    chathamHouse: false,
    leadersOnly: false,
    city: 'bench',
  });
  return { roomId: room.id, cityId: new Types.ObjectId(city.id) };
}
