/**
 * Two real server processes (server/main.ts) on one database and one Redis (Debian's redis-server,
 * started by test/support/redis.ts): rooms, emits and session ends cross nodes through the Redis
 * streams adapter, and a Redis restart loses no acknowledged message.
 */
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { ServerToClientEvents, ClientToServerEvents } from '../../../shared/events.js';
import { freePort } from '../../../server/db/childProcess.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { seedDirectory, type Directory } from '../../support/fixtures.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { registerTestIdp, signInWithSaml, testKey, type TestIdp } from '../../support/saml.js';
import { startServer, type ServerProcess } from '../../support/serverProcess.js';

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
    const node = async () => {
      const port = await freePort();
      return startServer({
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        MONGODB_URI: testDatabaseUri(),
        DB_NAME: testDatabaseName(),
        SESSION_SECRET: 'two-nodes-share-this-test-session-secret',
        REDIS_URL: redis.url,
        DEMO_DATA: 'false',
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_WRITES_PER_MINUTE: '100000',
      });
    };
    [a, b] = await Promise.all([node(), node()]);
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
    // One warning per Redis client and outage (rate limits, adapter publish, stream, pub/sub), not
    // one per reconnection attempt.
    for (const node of [a, b]) {
      const warnings = node
        .output()
        .split('\n')
        .filter((line) => line.includes('redis link lost'));
      assert.equal(warnings.length, 4, warnings.join('\n'));
    }
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
