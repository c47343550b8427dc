/**
 * SHARING.md, "Readings settled": raising to RED never widens the audience. The RED audience of a
 * raised item is the members present when it was first shared who still are; someone who joined
 * after it was first shared loses it at the raise, on every channel (by id, lists, search, history,
 * join catch-up, the topic's replies) and on open sockets (`post:removed` / `message:removed`, never
 * the RED content). The same for posts, room messages and a forum topic raised with its replies.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { loadContent } from '../../../server/policy/contentAccess.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  settle,
  startRoomWorld,
  until,
  type Client,
  type RoomPerson,
  type RoomWorld,
} from '../../support/rooms.js';
import { seedSharing, space, type SharingPeople } from '../../support/sharingFixtures.js';

describe('raising to RED never widens the audience', function () {
  this.timeout(90_000);
  let world: RoomWorld;
  let people: SharingPeople;
  let wanjiru: RoomPerson;
  let lucia: RoomPerson;
  let omar: RoomPerson;

  const as = (who: RoomPerson) => ({ Cookie: who.cookie, 'X-CSRF-Token': who.csrf });
  const app = () => world.server.app;
  const ids = (items: { id: string }[]) => items.map((i) => i.id);
  const seenIds = (client: Client, event: string) =>
    (client.seen[event] ?? []).map((p) => (p as { id: string }).id);
  const raise = (path: string, auth: Record<string, string>) =>
    request(app()).post(`${path}/relabel`).set(auth).send({ label: 'RED', justification: 'names a site' });

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    world = await startRoomWorld();
    wanjiru = await world.person(world.lyon, 'wanjiru@lyon.example');
    omar = await world.person(world.amman, 'omar.r@amman.example');
    lucia = await world.person(world.amman, 'lucia@amman.example');
  });
  after(() => world.close());

  it('a post raised after a later join: the later joiner loses it everywhere, live included', async () => {
    await makeRoom('peers', 'peer_room', 'RED', 'GREEN', [wanjiru, omar]);
    const post = await request(app())
      .post('/api/v1/spaces/peers/posts')
      .set(as(wanjiru))
      .send({ title: 'Shelter list', body: 'raiseword shelters', label: 'GREEN' })
      .expect(201);
    const id = String(post.body.id);
    await addSpaceMember(OPERATOR, 'peers', { person: lucia.personId, role: 'member' });
    const live = await lucia.connect();
    assert.equal((await request(app()).get(`/api/v1/posts/${id}`).set(as(lucia))).status, 200);

    await raise(`/api/v1/posts/${id}`, as(wanjiru)).expect(200);
    await until(() => seenIds(live, 'post:removed').includes(id), 3000, 'post:removed for the later joiner');
    assert.ok(!seenIds(live, 'post:updated').includes(id), 'no RED content pushed to the later joiner');
    assert.equal((await request(app()).get(`/api/v1/posts/${id}`).set(as(lucia))).status, 404);
    const list = await request(app()).get('/api/v1/spaces/peers/posts').set(as(lucia)).expect(200);
    assert.ok(!ids(list.body.items).includes(id));
    const found = await request(app()).get('/api/v1/search/posts?q=raiseword').set(as(lucia)).expect(200);
    assert.deepEqual(ids(found.body.items), []);
    const general = await request(app()).get('/api/v1/search?q=raiseword').set(as(lucia)).expect(200);
    assert.deepEqual(ids(general.body.items), []);
    // The members present when it was first shared keep it.
    for (const who of [wanjiru, omar])
      assert.equal((await request(app()).get(`/api/v1/posts/${id}`).set(as(who))).status, 200);
    const stored = await loadContent(id);
    assert.deepEqual(stored!.audienceIds.map(String).sort(), [wanjiru.personId, omar.personId].sort());
  });

  it('a room message raised after a later join: gone from history, catch-up and the open socket', async () => {
    const roomId = await makeRoom('peers-chat', 'peer_room', 'RED', 'GREEN', [wanjiru, omar]);
    const first = await request(app())
      .post(`/api/v1/rooms/${roomId}/messages`)
      .set(as(wanjiru))
      .send({ clientId: clientId(), body: 'an opening line', label: 'GREEN' })
      .expect(200);
    const sent = await request(app())
      .post(`/api/v1/rooms/${roomId}/messages`)
      .set(as(wanjiru))
      .send({ clientId: clientId(), body: 'the school on Main Street', label: 'GREEN' })
      .expect(200);
    const id = String(sent.body.id);
    await addSpaceMember(OPERATOR, 'peers-chat', { person: lucia.personId, role: 'member' });
    const client = await lucia.connect();
    assert.ok((await client.call('room:join', { roomId })).ok);

    await raise(`/api/v1/messages/${id}`, as(wanjiru)).expect(200);
    await until(() => seenIds(client, 'message:removed').includes(id), 3000, 'message:removed');
    assert.ok(!seenIds(client, 'message:updated').includes(id), 'no RED content pushed');
    const history = await request(app()).get(`/api/v1/rooms/${roomId}/messages`).set(as(lucia)).expect(200);
    assert.ok(!ids(history.body.items).includes(id));
    const socketHistory = await client.call<{ items: { id: string }[] }>('message:history', { roomId });
    assert.ok(socketHistory.ok && !ids(socketHistory.data.items).includes(id));
    const again = await lucia.connect();
    const caughtUp = await again.call<{ missed: { id: string }[] }>('room:join', {
      roomId,
      lastSeenId: String(first.body.id),
    });
    assert.ok(caughtUp.ok && !ids(caughtUp.data.missed).includes(id), 'not in the join catch-up');
    const omarHistory = await request(app())
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set(as(omar))
      .expect(200);
    assert.ok(ids(omarHistory.body.items).includes(id), 'a member present at the first send keeps it');
  });

  it('a forum topic raised with its replies: a person who arrived later loses both', async () => {
    await space('europe-leaders', 'hub', 'RED', 'GREEN', { hub: 'europe' });
    await request(app())
      .post('/api/v1/spaces/europe-leaders/forum/categories')
      .set(people.coordinator.auth)
      .send({ slug: 'general', name: 'General' })
      .expect(201);
    const topic = await request(app())
      .post('/api/v1/spaces/europe-leaders/forum/categories/general/topics')
      .set(as(wanjiru))
      .send({ title: 'Site visits', body: 'topicword visits' })
      .expect(201);
    const topicId = String(topic.body.id);
    const reply = await request(app())
      .post(`/api/v1/forum/topics/${topicId}/replies`)
      .set(people.practitioner.auth)
      .send({ body: 'replyword the depot' })
      .expect(201);
    const replyId = String(reply.body.id);
    // A Lyon person who signs in for the first time now takes part by their city: a later arrival.
    const late = await world.person(world.lyon, 'late@lyon.example');
    const client = await late.connect();
    assert.equal((await request(app()).get(`/api/v1/forum/topics/${topicId}`).set(as(late))).status, 200);

    await raise(`/api/v1/posts/${topicId}`, people.moderator.auth).expect(200);
    await until(
      () => [topicId, replyId].every((i) => seenIds(client, 'post:removed').includes(i)),
      3000,
      'post:removed for the topic and its reply',
    );
    await settle(200);
    assert.ok(!seenIds(client, 'post:updated').some((i) => i === topicId || i === replyId));
    assert.equal((await request(app()).get(`/api/v1/forum/topics/${topicId}`).set(as(late))).status, 404);
    assert.equal((await request(app()).get(`/api/v1/posts/${replyId}`).set(as(late))).status, 404);
    const topics = await request(app())
      .get('/api/v1/spaces/europe-leaders/forum/categories/general/topics')
      .set(as(late))
      .expect(200);
    assert.ok(!ids(topics.body.items).includes(topicId));
    const found = await request(app()).get('/api/v1/search?q=replyword').set(as(late)).expect(200);
    assert.deepEqual(ids(found.body.items), []);
    // Present at the first share, still a member: both keep the topic and its reply.
    for (const auth of [as(wanjiru), people.practitioner.auth]) {
      assert.equal((await request(app()).get(`/api/v1/forum/topics/${topicId}`).set(auth)).status, 200);
      assert.equal((await request(app()).get(`/api/v1/posts/${replyId}`).set(auth)).status, 200);
    }
  });
});
