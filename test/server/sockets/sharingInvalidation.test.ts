/**
 * The sharing cache of every node follows permission changes made on another node: two real server
 * processes on one database and one Redis; a person's context is cached on node B by a join, the
 * change is made through node A's API, and the very next join (or handshake) on node B is refused.
 * Each case runs several times over, since a join that raced the invalidation would pass sometimes.
 */
import assert from 'node:assert/strict';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../support/fixtures.js';
import { startTestRedis, type TestRedis } from '../../support/redis.js';
import { space } from '../../support/sharingFixtures.js';
import { registerTestIdp, signInWithSaml, testKey, type TestIdp } from '../../support/saml.js';
import { startClusterPair, type ServerProcess } from '../../support/serverProcess.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const sockets: ClientSocket[] = [];

function open(node: ServerProcess, cookie: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(node.url, {
    transports: ['websocket'],
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

async function join(socket: ClientSocket, roomId: string): Promise<Ack<unknown>> {
  return (await socket.timeout(10_000).emitWithAck('room:join', { roomId })) as Ack<unknown>;
}

/** How many times each change is tried. */
const ROUNDS = 4;

describe('the sharing cache on two nodes: a change on node A refuses the next join on node B', function () {
  this.timeout(180_000);
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let dir: Directory;
  let idp: TestIdp;

  /** Signs a person in through node B (roles from the `groups` attribute). */
  const signIn = (email: string, groups: string[]) => {
    const base = `${b.url}/auth/saml/${idp.slug}`;
    return signInWithSaml(b.url, { ...idp, acs: `${base}/acs`, audience: `${base}/metadata` }, email, {
      attributes: { email, displayName: email, groups },
    });
  };

  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    redis = await startTestRedis();
    [a, b] = await startClusterPair(redis.url, testDatabaseUri(), testDatabaseName());
    idp = await registerTestIdp(testConfig(), 'cache-idp', 'lyon', await testKey('cache-idp'));
  });

  after(async () => {
    for (const socket of sockets) socket.close();
    if (a?.child.exitCode === null) await a.stop();
    if (b?.child.exitCode === null) await b.stop();
    await redis?.destroy();
  });

  it('a membership removed on node A: the next join on node B is refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const member = await signIn(`removed-${round}@lyon.example`, ['staff']);
      const slug = `cache-removal-${round}`;
      const roomId = (await space(slug, 'peer_room', 'RED', 'GREEN')).id;
      const other = (await space(`${slug}-other`, 'peer_room', 'RED', 'GREEN')).id;
      for (const s of [slug, `${slug}-other`])
        await addSpaceMember(OPERATOR, s, { person: member.personId, role: 'member' });
      const onB = await open(b, member.cookie);
      assert.equal((await join(onB, other)).ok, true, 'the context is cached on node B');
      await request(a.url)
        .delete(`/api/v1/spaces/${slug}/members/${member.personId}`)
        .set(dir.people.admin.auth)
        .expect(200);
      const refused = await join(onB, roomId);
      assert.equal(refused.ok, false, `round ${round}: ${JSON.stringify(refused)}`);
      // The room still taken part in is still joined.
      assert.equal((await join(onB, other)).ok, true);
    }
  });

  it('a role taken away on node A: a leaders-only room refuses the next join on node B', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const mayor = await signIn(`demoted-${round}@lyon.example`, ['mayors']);
      const slug = `cache-leaders-${round}`;
      const roomId = (await space(slug, 'peer_room', 'RED', 'GREEN', { leadersOnly: true })).id;
      await addSpaceMember(OPERATOR, slug, { person: mayor.personId, role: 'member' });
      const first = await open(b, mayor.cookie);
      assert.equal((await join(first, roomId)).ok, true, 'a mayor joins');
      const onB = await open(b, mayor.cookie);
      await request(a.url)
        .put(`/api/v1/people/${mayor.personId}/roles`)
        .set(dir.people.admin.auth)
        .send({ roles: ['practitioner'] })
        .expect(200);
      const refused = await join(onB, roomId);
      assert.equal(refused.ok, false, `round ${round}: ${JSON.stringify(refused)}`);
    }
  });

  it('a person suspended on node A: no handshake on node B, and an open socket there joins nothing', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const member = await signIn(`suspended-${round}@lyon.example`, ['staff']);
      const slug = `cache-suspension-${round}`;
      const roomId = (await space(slug, 'peer_room', 'RED', 'GREEN')).id;
      await addSpaceMember(OPERATOR, slug, { person: member.personId, role: 'member' });
      const onB = await open(b, member.cookie);
      assert.equal((await join(onB, roomId)).ok, true);
      await request(a.url)
        .post(`/api/v1/people/${member.personId}/status`)
        .set(dir.people.admin.auth)
        .send({ status: 'suspended', reason: 'cache test' })
        .expect(200);
      await assert.rejects(open(b, member.cookie), 'no new socket on node B');
      // The open socket is being disconnected; if a join still reaches node B, it is refused.
      if (onB.connected) {
        const late = await join(onB, roomId).catch(() => ({ ok: false }) as const);
        assert.equal(late.ok, false, `round ${round}: ${JSON.stringify(late)}`);
      }
    }
  });
});
