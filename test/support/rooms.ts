/**
 * Room test kit: a real server, people signed in through real SAML, real sockets with a recorder of
 * everything they receive, acks with a time-out, and rooms made through the real services.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ServerToClientEvents } from '../../shared/events.js';
import type { Label } from '../../shared/policy/labels.js';
import type { SpaceKind } from '../../shared/policy/spaces.js';
import { addSpaceMember } from '../../server/services/spaces/addSpaceMember.js';
import { resetDatabase } from './database.js';
import { OPERATOR, seedDirectory } from './fixtures.js';
import { registerTestIdp, signInWithSaml, testKey, type TestIdp } from './saml.js';
import { startTestServer, type TestServer } from './server.js';
import { space } from './sharingFixtures.js';

/** A connected socket and what it received, by event. */
export interface Client {
  socket: Socket;
  seen: Record<string, unknown[]>;
  /** Emits with an ack and waits for it (5 s at most). */
  call<T = unknown>(event: string, ...args: unknown[]): Promise<Ack<T>>;
  close(): void;
}

/** A signed-in person. */
export interface RoomPerson {
  personId: string;
  cookie: string;
  csrf: string;
  name: string;
  connect(): Promise<Client>;
}

/** The waiting helpers, with the rooms kit for the room tests. */
export { settle, until } from './wait.js';

/** A server with Lyon and Amman identity providers and helpers to sign people in. */
export interface RoomWorld {
  server: TestServer;
  lyon: TestIdp;
  amman: TestIdp;
  person(idp: TestIdp, nameId: string, groups?: string[]): Promise<RoomPerson>;
  clients: Client[];
  close(): Promise<void>;
}

/** Opens a socket for a session cookie. */
export async function openClient(server: TestServer, cookie: string, clients: Client[]): Promise<Client> {
  const socket = connect(server.url, {
    transports: ['websocket'],
    extraHeaders: { Cookie: cookie, Origin: server.url },
    reconnection: false,
    forceNew: true,
  });
  const seen: Record<string, unknown[]> = {};
  socket.onAny((event: string, payload: unknown) => (seen[event] ??= []).push(payload));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const client: Client = {
    socket,
    seen,
    call: <T>(event: string, ...args: unknown[]) =>
      socket.timeout(5000).emitWithAck(event, ...args) as Promise<Ack<T>>,
    close: () => socket.close(),
  };
  clients.push(client);
  return client;
}

/** Starts the world (after resetDatabase and seedDirectory). */
export async function startRoomWorld(overrides: Record<string, string> = {}): Promise<RoomWorld> {
  const server = await startTestServer(overrides);
  const lyon = await registerTestIdp(server.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
  const amman = await registerTestIdp(server.config, 'amman-idp', 'amman', await testKey('amman-idp'));
  const clients: Client[] = [];
  return {
    server,
    lyon,
    amman,
    clients,
    async person(idp, nameId, groups = ['staff']) {
      const name = `Person ${nameId}`;
      const session = await signInWithSaml(server.app, idp, nameId, {
        attributes: { email: nameId, displayName: name, groups },
      });
      return { ...session, name, connect: () => openClient(server, session.cookie, clients) };
    },
    async close() {
      for (const c of clients) c.close();
      await server.close();
    },
  };
}

/** An empty database with the directory seeded, and a room world on it (a suite's usual start). */
export async function startFreshRoomWorld(): Promise<RoomWorld> {
  await resetDatabase();
  await seedDirectory();
  return startRoomWorld();
}

/** Makes a room (a space) as the operator and adds explicit members; returns its id. */
export async function makeRoom(
  slug: string,
  kind: SpaceKind,
  ceiling: Label,
  defaultLabel: Label,
  members: RoomPerson[] = [],
  extra: { hub?: string; city?: string; chathamHouse?: boolean; leadersOnly?: boolean } = {},
): Promise<string> {
  const made = await space(slug, kind, ceiling, defaultLabel, extra);
  for (const m of members) await addSpaceMember(OPERATOR, slug, { person: m.personId, role: 'member' });
  return made.id;
}

/** A fresh client id. */
export function clientId(): string {
  return crypto.randomUUID();
}

/** One `presence:updated` payload (shared/events.ts). */
export type PresenceUpdate = Parameters<ServerToClientEvents['presence:updated']>[0];

/** Every presence change a client was told, in order, flattened out of the coalesced events. */
export function presenceChanges(client: Client): (Pick<PresenceUpdate, 'personId' | 'online'> & {
  roomId: string;
})[] {
  return (client.seen['presence:updated'] ?? []).flatMap((payload) => {
    const { roomId, personId, online, more = [] } = payload as PresenceUpdate;
    return [{ roomId, personId, online }, ...more.map((change) => ({ roomId, ...change }))];
  });
}
