import assert from 'node:assert/strict';
import request from 'supertest';
import type { NotificationDelivery } from '../../../shared/events.js';
import { NotificationModel, type NotificationDoc } from '../../../server/models/Notification.js';
import { SpaceModel } from '../../../server/models/Space.js';
import { deliverNotifications } from '../../../server/sockets/deliverNotifications.js';
import { notify } from '../../../server/services/notifications/notify.js';
import { resetDatabase } from '../../support/database.js';
import { seedDirectory } from '../../support/fixtures.js';
import { registerTestIdp, signInWithSaml, testKey } from '../../support/saml.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { space } from '../../support/sharingFixtures.js';
import { openClient, type Client } from '../../support/rooms.js';
import { until } from '../../support/wait.js';

describe('notification:created reaches only its recipient, rendered through the policy', function () {
  this.timeout(30_000);
  let server: TestServer;
  const clients: Client[] = [];
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  async function signedIn(idp: Awaited<ReturnType<typeof registerTestIdp>>, nameId: string) {
    const session = await signInWithSaml(server.app, idp, nameId);
    const { socket } = await openClient(server, session.cookie, clients);
    const seen: NotificationDelivery[] = [];
    socket.on('notification:created', (n) => seen.push(n));
    return { ...session, socket, seen };
  }

  it('sends the title of GREEN material, only "new material" for AMBER+STRICT, nothing to others', async () => {
    await resetDatabase();
    await seedDirectory();
    server = await startTestServer();
    const lyonIdp = await registerTestIdp(server.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    const ammanIdp = await registerTestIdp(server.config, 'amman-idp', 'amman', await testKey('amman-idp'));
    await space('lyon-internal', 'city', 'AMBER+STRICT', 'AMBER+STRICT', { city: 'lyon' });
    await space('europe-forum', 'hub', 'GREEN', 'GREEN', { hub: 'europe' });

    const alice = await signedIn(lyonIdp, 'alice@lyon.example');
    const bob = await signedIn(lyonIdp, 'bob@lyon.example');
    const omar = await signedIn(ammanIdp, 'omar@amman.example');

    const post = (slug: string, title: string, body: string) =>
      request(server.app)
        .post(`/api/v1/spaces/${slug}/posts`)
        .set('Cookie', alice.cookie)
        .set('X-CSRF-Token', alice.csrf)
        .send({ title, body })
        .expect(201);

    const strict = await post('lyon-internal', 'Threat assessment, north district', 'Names inside.');
    await until(() => bob.seen.length === 1);
    const [notice] = bob.seen;
    assert.equal(notice?.kind, 'post.created');
    assert.equal(notice?.text, null, 'AMBER+STRICT: no title, no excerpt');
    assert.deepEqual(notice?.space?.name, 'lyon-internal');
    assert.equal(notice?.link, `/posts/${String(strict.body.id)}`);
    assert.ok(!JSON.stringify(notice).includes('Threat'));

    const green = await post('europe-forum', 'Open call for mentors', 'Anyone in the hub can join.');
    await until(() => bob.seen.length === 2);
    assert.equal(bob.seen[1]?.text, 'Open call for mentors');
    assert.equal(bob.seen[1]?.link, `/posts/${String(green.body.id)}`);

    // Omar (another city and hub) is told nothing even when a notification about Lyon's internal
    // post is stored for him: he may not read it, so nothing is sent.
    const lyonInternal = await SpaceModel.findOne({ slug: 'lyon-internal' }).lean();
    await notify([omar.personId], { _id: strict.body.id, spaceId: lyonInternal?._id }, 'post.mentioned');
    // A moderation notice (services send those to authors and moderators only) carries no content and
    // shows even when the item is hidden: it arrives, after the one that was not sent.
    await notify([omar.personId], { _id: green.body.id, spaceId: lyonInternal?._id }, 'post.restored');
    await until(() => omar.seen.length === 1);
    assert.equal(omar.seen[0]?.kind, 'post.restored');
    assert.match(omar.seen[0]?.text ?? '', /was restored by a moderator/);

    // The author is not notified of her own posts; nothing reached anyone twice.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(alice.seen.length, 0);
    assert.equal(bob.seen.length, 2);
    assert.equal(omar.seen.length, 1);
  });

  it('renders only for the recipients the online filter keeps, asking it once', async () => {
    const docs = (await NotificationModel.find({}).lean()) as unknown as NotificationDoc[];
    const sent: string[] = [];
    const send = (personId: string) => void sent.push(personId);
    const asked: string[][] = [];
    const everyone = await deliverNotifications(send, docs, async (ids) => (asked.push(ids), ids));
    assert.ok(everyone > 0);
    assert.equal(everyone, await deliverNotifications(() => undefined, docs));
    assert.equal(asked.length, 1);
    sent.length = 0;
    assert.equal(await deliverNotifications(send, docs, async () => []), 0);
    assert.deepEqual(sent, [], 'nobody online: nothing rendered, nothing sent');
  });
});
