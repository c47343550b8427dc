import assert from 'node:assert/strict';
import request from 'supertest';
import type { PostDelivery } from '../../../shared/events.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import { registerTestIdp, signInWithSaml, testKey } from '../../support/saml.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { space } from '../../support/sharingFixtures.js';
import { openClient, type Client } from '../../support/rooms.js';
import { until } from '../../support/wait.js';
import { OPERATOR } from '../../support/fixtures.js';
import { createPerson } from '../../../server/services/people/createPerson.js';
import { createApiToken } from '../../../server/services/tokens/apiTokens.js';

describe('content reaches open sockets through the policy (sharing x realtime)', function () {
  this.timeout(30_000);
  let server: TestServer;
  const clients: Client[] = [];
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  async function signedIn(idp: Awaited<ReturnType<typeof registerTestIdp>>, nameId: string) {
    const session = await signInWithSaml(server.app, idp, nameId);
    const client = await openClient(server, session.cookie, clients);
    return { ...session, socket: client.socket, seen: client.seen };
  }

  it('delivers a new post only to those who may read it, and takes it back on delete and quarantine', async () => {
    await resetDatabase();
    await seedDirectory();
    server = await startTestServer();
    const lyonIdp = await registerTestIdp(server.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    const ammanIdp = await registerTestIdp(server.config, 'amman-idp', 'amman', await testKey('amman-idp'));
    await space('lyon-internal', 'city', 'AMBER+STRICT', 'AMBER+STRICT', { city: 'lyon' });

    const alice = await signedIn(lyonIdp, 'alice@lyon.example');
    const bob = await signedIn(lyonIdp, 'bob@lyon.example');
    const omar = await signedIn(ammanIdp, 'omar@amman.example');

    const created = await request(server.app)
      .post('/api/v1/spaces/lyon-internal/posts')
      .set('Cookie', alice.cookie)
      .set('X-CSRF-Token', alice.csrf)
      .send({ title: 'Threat assessment, north district', body: 'Names and places inside.' })
      .expect(201);

    await until(() => (bob.seen['post:created']?.length ?? 0) === 1, 2000);
    const delivered = bob.seen['post:created']?.[0] as PostDelivery;
    assert.equal(delivered.id, created.body.id);
    assert.equal(delivered.label, 'AMBER+STRICT');
    assert.equal(delivered.title, 'Threat assessment, north district');

    await request(server.app)
      .delete(`/api/v1/posts/${String(created.body.id)}`)
      .set('Cookie', alice.cookie)
      .set('X-CSRF-Token', alice.csrf)
      .expect((res) => assert.ok(res.status === 200 || res.status === 204, `delete answered ${res.status}`));
    await until(() => (bob.seen['post:removed']?.length ?? 0) === 1, 2000);
    assert.deepEqual(bob.seen['post:removed']?.[0], { id: created.body.id });

    // A second post is quarantined by a moderator: it leaves open screens at once (pushed to them).
    const moderator = await createPerson(OPERATOR, {
      name: 'Mo Derator',
      email: 'mo@mu.example',
      organisation: 'Management Unit',
      roles: ['moderator'],
      languages: [],
      expertise: [],
      status: 'active',
    });
    const { token } = await createApiToken(OPERATOR, moderator.id, 'test', 1);
    const second = await request(server.app)
      .post('/api/v1/spaces/lyon-internal/posts')
      .set('Cookie', alice.cookie)
      .set('X-CSRF-Token', alice.csrf)
      .send({ title: 'Vulnerable sites list', body: 'Posted in the wrong place.' })
      .expect(201);
    await until(() => (bob.seen['post:created']?.length ?? 0) === 2, 2000);
    await request(server.app)
      .post(`/api/v1/posts/${String(second.body.id)}/quarantine`)
      .set('Authorization', `Bearer ${token}`)
      .send({ reason: 'Names of vulnerable sites' })
      .expect(200);
    await until(() => (bob.seen['post:removed']?.length ?? 0) === 2, 10_000);
    assert.deepEqual(bob.seen['post:removed']?.[1], { id: second.body.id });
    await request(server.app)
      .get(`/api/v1/posts/${String(second.body.id)}`)
      .set('Cookie', bob.cookie)
      .expect(404);

    // Omar (Amman) was connected the whole time and never received a byte of it.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      Object.keys(omar.seen).filter((e) => e.startsWith('post:')),
      [],
    );
  });
});
