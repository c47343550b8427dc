/**
 * Two real server processes (server/main.ts) on one database and one Redis (Debian's redis-server,
 * started by test/support/redis.ts): rooms, emits and session ends cross nodes through the Redis
 * streams adapter, and a Redis restart loses no acknowledged message.
 */
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import type {
  Ack,
  ClientToServerEvents,
  MessageDelivery,
  ServerToClientEvents,
} from '../../../shared/events.js';
import { MessageModel } from '../../../server/models/Message.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../support/fixtures.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { RoomView } from '../../support/roomView.js';
import { space } from '../../support/sharingFixtures.js';
import { registerTestIdp, signInWithSaml, testKey, type TestIdp } from '../../support/saml.js';
import { startClusterPair, type ServerProcess } from '../../support/serverProcess.js';
import { until } from '../../support/wait.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signed-in person on one node. */
interface Member {
  node: ServerProcess;
  cookie: string;
  csrf: string;
  personId: string;
}

const sockets: ClientSocket[] = [];

function open(
  node: ServerProcess,
  cookie: string,
  transport: 'websocket' | 'polling' = 'websocket',
): Promise<ClientSocket> {
  const socket: ClientSocket = connect(node.url, {
    transports: [transport],
    extraHeaders: { Cookie: cookie, Origin: node.url },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Resolves with the session:ended reason once the socket is told and disconnected. */
function ended(socket: ClientSocket, withinMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still connected')), withinMs);
    let reason = 'none';
    socket.once('session:ended', (payload) => (reason = payload.reason));
    socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The provider as seen through one node (its ACS and audience are on the node's PUBLIC_URL). */
function through(idp: TestIdp, node: ServerProcess): TestIdp {
  const base = `${node.url}/auth/saml/${idp.slug}`;
  return { ...idp, acs: `${base}/acs`, audience: `${base}/metadata` };
}

let sequence = 0;

/** Sends a message and returns the acknowledged delivery (throws on a refusal). */
async function send(socket: ClientSocket, roomId: string, body: string): Promise<MessageDelivery> {
  const clientId = `multi-node-${process.pid}-${sequence++}`;
  const answer = (await socket
    .timeout(10_000)
    .emitWithAck('message:send', { roomId, clientId, body })) as Ack<MessageDelivery>;
  if (!answer.ok) throw new Error(`message:send refused: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function warningsOf(node: ServerProcess): number {
  return node
    .output()
    .split('\n')
    .filter((line) => line.includes('redis link lost')).length;
}

describe('more than one node: two server processes and one Redis', function () {
  this.timeout(120_000);
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let dir: Directory;
  let idp: TestIdp;

  const signIn = async (node: ServerProcess, email: string): Promise<Member> => ({
    node,
    ...(await signInWithSaml(node.url, through(idp, node), email)),
  });

  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    redis = await startTestRedis();
    [a, b] = await startClusterPair(redis.url, testDatabaseUri(), testDatabaseName());
    idp = await registerTestIdp(testConfig(), 'multi-idp', 'lyon', await testKey('multi-idp'));
  });

  after(async () => {
    for (const socket of sockets) socket.close();
    if (a?.child.exitCode === null) await a.stop();
    if (b?.child.exitCode === null) await b.stop();
    await redis?.destroy();
  });

  it('ends a session signed out on node A on node B at once', async () => {
    const member = await signIn(b, 'twonodes@lyon.example');
    const onB = await open(b, member.cookie, 'polling');
    // HTTP long-polling (the fallback that needs sticky sessions behind a proxy) works the same way.
    const onA = await open(a, member.cookie, 'polling');
    const reasons = Promise.all([ended(onB, 5_000), ended(onA, 5_000)]);
    await request(a.url)
      .post('/api/v1/auth/logout')
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrf)
      .expect(200);
    // `signed_out` comes from node A's announcement through the adapter; node B's own periodic check
    // would say `expired`.
    assert.deepEqual(await reasons, ['signed_out', 'signed_out']);
  });

  it('ends every socket of a person suspended on node A, on node B', async () => {
    const member = await signIn(b, 'suspend2@lyon.example');
    const onB = await open(b, member.cookie);
    const reason = ended(onB, 5_000);
    await request(a.url)
      .post(`/api/v1/people/${member.personId}/status`)
      .set(dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'two-node test' })
      .expect(200);
    assert.equal(await reason, 'signed_out');
  });

  /** A peer room with these members; returns its id. */
  const room = async (slug: string, ...members: Member[]): Promise<string> => {
    const made = await space(slug, 'peer_room', 'RED', 'GREEN');
    for (const m of members) await addSpaceMember(OPERATOR, slug, { person: m.personId, role: 'member' });
    return made.id;
  };

  it('delivers a message sent on node A to a member connected to node B, once', async () => {
    const sender = await signIn(a, 'sender@lyon.example');
    const reader = await signIn(b, 'reader@lyon.example');
    const roomId = await room('two-nodes', sender, reader);
    const onA = await open(a, sender.cookie);
    const view = new RoomView(await open(b, reader.cookie), roomId);
    await view.join();
    assert.equal((await onA.emitWithAck('room:join', { roomId })).ok, true);
    const sent = await send(onA, roomId, 'Hello from node **A**');
    await until(() => view.messages.has(sent.id), 15_000, 'the message on node B');
    assert.deepEqual(view.messages.get(sent.id), sent);
    await pause(300);
    assert.deepEqual(view.live, [sent.id]);
    view.close();
  });

  it('loses no acknowledged message when Redis restarts mid-conversation', async () => {
    const sender = await signIn(a, 'restart-sender@lyon.example');
    const local = await signIn(b, 'restart-local@lyon.example');
    const reader = await signIn(b, 'restart-reader@lyon.example');
    const roomId = await room('redis-restart', sender, local, reader);
    const onA = await open(a, sender.cookie);
    const localOnB = await open(b, local.cookie);
    const view = new RoomView(await open(b, reader.cookie), roomId);
    await view.join();
    for (const socket of [onA, localOnB])
      assert.equal((await socket.emitWithAck('room:join', { roomId })).ok, true);
    const warnings = [warningsOf(a), warningsOf(b)];

    const acked: MessageDelivery[] = [await send(onA, roomId, 'before the outage')];
    await pause(2_500); // older than the resync margin: the reader's anchor
    acked.push(await send(onA, roomId, 'live 1'), await send(localOnB, roomId, 'live 2'));
    await until(() => acked.every((m) => view.messages.has(m.id)), 15_000, 'live deliveries');

    await redis.stop();
    // Stored and acknowledged while Redis is down: node B's own member's messages reach the reader
    // live, node A's cannot.
    for (let i = 0; i < 3; i++) {
      acked.push(await send(onA, roomId, `during the outage ${i}`));
      acked.push(await send(localOnB, roomId, `during the outage, on B ${i}`));
    }
    await redis.start();
    for (let i = 0; i < 3; i++) acked.push(await send(onA, roomId, `right after ${i}`));
    await pause(1_000);
    acked.push(await send(onA, roomId, 'after'));

    await until(() => acked.every((m) => view.messages.has(m.id)), 15_000, 'every acknowledged message');
    await pause(500);
    assert.ok(view.resyncs >= 1, 'the reader resynchronised');
    assert.ok(view.recovered >= 3, `${view.recovered} messages came back through room:resync`);
    assert.equal(new Set(view.live).size, view.live.length, 'no live delivery twice');
    for (const m of acked) assert.deepEqual(view.messages.get(m.id), m);
    assert.equal(
      await MessageModel.countDocuments({ clientId: { $in: acked.map((m) => m.clientId) } }),
      acked.length,
      'each acknowledged message stored once',
    );
    // One warning per Redis client and outage (rate limits, adapter publish, stream, pub/sub), not
    // one per reconnection attempt.
    assert.deepEqual([warningsOf(a) - (warnings[0] ?? 0), warningsOf(b) - (warnings[1] ?? 0)], [4, 4]);
    view.close();
  });

  it('still carries session ends between nodes after Redis restarts', async () => {
    const member = await signIn(a, 'restart@lyon.example');
    const onB = await open(b, member.cookie);
    const resyncs: string[] = [];
    onB.on('room:resync', ({ since }) => resyncs.push(since));
    const stoppedAt = Date.now();
    await redis.stop();
    await redis.start();
    // Both nodes reconnect by themselves (capped back-off) and ask their clients to resynchronise
    // from before the outage (node B for its own link, node A for the publishes that failed).
    const deadline = Date.now() + 10_000;
    while (resyncs.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(resyncs.length, 2, `room:resync received ${resyncs.length} times`);
    for (const since of resyncs) assert.ok(Date.parse(since) <= stoppedAt, since);
    const reason = ended(onB, 5_000);
    await request(a.url)
      .post('/api/v1/auth/logout')
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrf)
      .expect(200);
    assert.equal(await reason, 'signed_out');
  });

  it('stops both nodes cleanly on SIGTERM with their Redis clients open', async () => {
    for (const socket of sockets) socket.close();
    const [stopA, stopB] = await Promise.all([a.stop(), b.stop()]);
    assert.equal(stopA.code, 0, a.output());
    assert.equal(stopB.code, 0, b.output());
    assert.ok(Math.max(stopA.ms, stopB.ms) < 10_000);
  });
});
