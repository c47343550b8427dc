/**
 * The people of a storm or agents run, made as bench/fanoutServer.ts makes them: `rooms` cities, each
 * with its city room (kind `city`: every person of the city takes part by derived membership), created
 * through the real services; then people inserted in bulk, spread evenly over the cities, each with a
 * session stored as the session store writes it and a cookie signed as express-session signs it. Every
 * socket and request of the run still goes through the real handshake or session middleware.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { OperatorActor } from '../shared/policy/actor.js';
import { SESSION_COOKIE } from '../server/auth/sessions.js';
import { PersonModel } from '../server/models/Person.js';
import { SessionModel } from '../server/models/Session.js';
import { createCity } from '../server/services/cities/createCity.js';
import { createHub } from '../server/services/hubs/createHub.js';
import { createSpace } from '../server/services/spaces/createSpace.js';

const OPERATOR: OperatorActor = { kind: 'operator', name: 'storm bench' };

/** The session secret every node of a run shares. */
export const STORM_SECRET = 'storm-bench-session-secret-0123456789abcdef';

/** A city and its room. */
export interface StormRoom {
  roomId: string;
  cityId: string;
  citySlug: string;
}

/** One signed-in person. */
export interface StormPerson {
  personId: string;
  /** The `Cookie` header value. */
  cookie: string;
  /** The session's token for `X-CSRF-Token`. */
  csrfToken: string;
  /** Index into the rooms: the person's city and room. */
  room: number;
}

/** express-session's cookie value: `s:` + id + `.` + HMAC-SHA256 (cookie-signature), URI-encoded. */
export function signedCookie(sid: string): string {
  const mac = createHmac('sha256', STORM_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

/** Creates a hub and `count` member cities, each with its city room. */
export async function createRooms(count: number): Promise<StormRoom[]> {
  await createHub(OPERATOR, { slug: 'storm', name: { en: 'Storm' }, coordinatorIds: [] });
  const rooms: StormRoom[] = [];
  for (let i = 0; i < count; i++) {
    const slug = `storm-${i}`;
    const city = await createCity(OPERATOR, {
      slug,
      name: `Storm City ${i}`,
      kind: 'city',
      country: 'FR',
      hub: 'storm',
      status: 'member',
      iscSeat: false,
      pledgedBy: 'Mayor',
    });
    const room = await createSpace(OPERATOR, {
      slug: `storm-room-${i}`,
      name: `Storm room ${i}`,
      description: '',
      kind: 'city',
      ceiling: 'AMBER',
      defaultLabel: 'GREEN',
      chathamHouse: false,
      leadersOnly: false,
      city: slug,
    });
    rooms.push({ roomId: room.id, cityId: city.id, citySlug: slug });
  }
  return rooms;
}

/** Another room of `room`'s city (kind `city`: the same people take part), for switching rooms. */
export async function addCityRoom(room: StormRoom, suffix: string): Promise<StormRoom> {
  const made = await createSpace(OPERATOR, {
    slug: `${room.citySlug}-room-${suffix}`,
    name: `${room.citySlug} room ${suffix}`,
    description: '',
    kind: 'city',
    ceiling: 'AMBER',
    defaultLabel: 'GREEN',
    chathamHouse: false,
    leadersOnly: false,
    city: room.citySlug,
  });
  return { ...room, roomId: made.id };
}

/** Inserts `count` active people, person i in room i mod rooms, each signed in for a day. */
export async function createPeople(rooms: StormRoom[], count: number): Promise<StormPerson[]> {
  const persons = await PersonModel.insertMany(
    Array.from({ length: count }, (_, i) => ({
      name: `Storm Person ${i}`,
      email: `storm${i}@bench.example`,
      cityId: new Types.ObjectId(rooms[i % rooms.length]?.cityId),
      roles: ['practitioner'],
      languages: ['en'],
      status: 'active',
    })),
    { lean: true },
  );
  const now = Date.now();
  const maxAge = 24 * 60 * 60_000;
  const expires = new Date(now + maxAge);
  const sessions = persons.map((person) => {
    const sid = randomBytes(24).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const data = {
      cookie: {
        originalMaxAge: maxAge,
        expires: expires.toISOString(),
        secure: true,
        httpOnly: true,
        path: '/',
        sameSite: 'lax',
      },
      personId: String(person._id),
      signedInAt: now,
      method: 'local',
      csrfToken,
    };
    return {
      _id: sid,
      personId: String(person._id),
      idp: null,
      expires,
      data: JSON.stringify(data),
      csrfToken,
    };
  });
  await SessionModel.insertMany(
    sessions.map(({ csrfToken: _, ...session }) => session),
    { lean: true },
  );
  return sessions.map((session, i) => ({
    personId: session.personId,
    cookie: signedCookie(session._id),
    csrfToken: session.csrfToken,
    room: i % rooms.length,
  }));
}
