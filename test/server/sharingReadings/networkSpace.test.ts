/**
 * SHARING.md, "Readings settled": the network-wide space is for people of member cities, the
 * Management Unit, experts and ISC members. People of an applicant, suspended or withdrawn city take
 * part in no space of the network, the network-wide one included, until their city is a member again:
 * on every channel (REST item, list, search, posting, notifications, the sharing context) and on open
 * sockets, which lose the room at once when the city is suspended. Real server, SAML, sockets, database.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { NotificationModel } from '../../../server/models/Notification.js';
import { changeCityStatus } from '../../../server/services/cities/changeCityStatus.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';
import { settle, startRoomWorld, until, type RoomPerson, type RoomWorld } from '../../support/rooms.js';
import { person, seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

describe('the network space and cities that are not members', function () {
  this.timeout(90_000);
  let world: RoomWorld;
  let people: SharingPeople;
  let graz: { Authorization: string };
  let rana: RoomPerson;
  let networkId: string;

  const as = (who: RoomPerson) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const postToNetwork = async (title: string) =>
    String(
      (
        await request(world.server.app)
          .post('/api/v1/spaces/network/posts')
          .set(people.practitioner.auth)
          .send({ title, body: `${title} netword`, label: 'GREEN' })
          .expect(201)
      ).body.id,
    );

  /** Everything a person can learn of a network post, channel by channel. */
  async function reach(auth: Record<string, string>, id: string) {
    const app = world.server.app;
    const item = await request(app).get(`/api/v1/posts/${id}`).set(auth);
    const list = await request(app).get('/api/v1/spaces/network/posts').set(auth);
    const search = await request(app).get('/api/v1/search/posts?q=netword').set(auth);
    const general = await request(app).get('/api/v1/search?q=netword').set(auth);
    const sharing = await request(app).get('/api/v1/me/sharing').set(auth);
    return {
      item: item.status,
      list: list.status === 200 ? (list.body.items as { id: string }[]).map((p) => p.id) : list.status,
      search: (search.body.items as { id: string }[]).map((p) => p.id),
      general: (general.body.items as { id: string }[]).map((p) => p.id),
      inNetwork: (sharing.body.spaceIds as string[]).includes(networkId),
    };
  }

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    graz = (await person('Gina Graz', 'gina@graz.test.example', ['practitioner'], 'graz')).auth;
    world = await startRoomWorld();
    rana = await world.person(world.amman, 'rana@amman.example');
    networkId = String(
      (await request(world.server.app).get('/api/v1/spaces/network').set(people.admin.auth).expect(200)).body
        .id,
    );
  });
  after(() => world.close());

  it('a person of an applicant city reads nothing of the network space and cannot post there', async () => {
    const id = await postToNetwork('Applicant check');
    assert.deepEqual(await reach(graz, id), {
      item: 404,
      list: 404,
      search: [],
      general: [],
      inNetwork: false,
    });
    const posted = await request(world.server.app)
      .post('/api/v1/spaces/network/posts')
      .set(graz)
      .send({ title: 'From Graz', body: 'hello', label: 'GREEN' });
    assert.equal(posted.status, 404, JSON.stringify(posted.body));
    // A member city's person reads the same post on every channel.
    const member = await reach(people.focal.auth, id);
    assert.equal(member.item, 200);
    assert.ok(member.search.includes(id) && member.inNetwork);
  });

  it('a city suspended while its people are signed in: they lose the network space everywhere at once', async () => {
    const client = await rana.connect();
    const joined = await client.call('room:join', { roomId: networkId });
    assert.ok(joined.ok, JSON.stringify(joined));
    const before = await postToNetwork('Before suspension');
    assert.equal((await reach(as(rana), before)).item, 200);
    await until(
      () => (client.seen['post:created'] ?? []).length > 0,
      3000,
      'the live post before suspension',
    );

    await changeCityStatus(OPERATOR, 'amman', { status: 'suspended', reason: 'reading test' });
    await until(
      () => (client.seen['room:removed'] ?? []).some((r) => (r as { roomId: string }).roomId === networkId),
      3000,
      'room:removed for the network room',
    );
    assert.deepEqual(await reach(as(rana), before), {
      item: 404,
      list: 404,
      search: [],
      general: [],
      inNetwork: false,
    });
    const livePosts = (client.seen['post:created'] ?? []).length;
    const after = await postToNetwork('After suspension');
    await settle(400);
    assert.equal((client.seen['post:created'] ?? []).length, livePosts, 'no live post after suspension');
    assert.equal(await NotificationModel.countDocuments({ recipientId: rana.personId, postId: after }), 0);
    const posted = await request(world.server.app)
      .post('/api/v1/spaces/network/posts')
      .set(as(rana))
      .send({ title: 'From Amman', body: 'hello', label: 'GREEN' });
    assert.equal(posted.status, 404);
    const rejoin = await client.call('room:join', { roomId: networkId });
    assert.equal(rejoin.ok, false);

    // A member again: the network space is theirs again.
    await changeCityStatus(OPERATOR, 'amman', { status: 'member', reason: 'reinstated' });
    assert.equal((await reach(as(rana), after)).item, 200);
  });
});
