import assert from 'node:assert/strict';
import request from 'supertest';
import { resetDatabase } from '../../../support/database.js';
import { seedDirectory } from '../../../support/fixtures.js';
import {
  clientId,
  makeRoom,
  startRoomWorld,
  type RoomPerson,
  type RoomWorld,
} from '../../../support/rooms.js';

interface LogEntry {
  action: string;
  channel: string | null;
  item: { type: string; id: string; label: string; room: string | null };
  people: { id: string; name: string | null }[];
}

describe("the originator's access log: who accessed my AMBER+STRICT and RED material", function () {
  this.timeout(60_000);
  let world: RoomWorld;
  let alice: RoomPerson;
  let bob: RoomPerson;
  let carol: RoomPerson;
  let roomId: string;
  const ids = { red: '', strict: '', green: '', bobRed: '', post: '' };

  const send = async (p: RoomPerson, body: string, label: string) =>
    String(
      (
        await request(world.server.app)
          .post(`/api/v1/rooms/${roomId}/messages`)
          .set({ Cookie: p.cookie, 'X-CSRF-Token': p.csrf })
          .send({ clientId: clientId(), body, label })
          .expect(200)
      ).body.id,
    );
  const log = async (p: RoomPerson, query = '') =>
    (await request(world.server.app).get(`/api/v1/me/access-log${query}`).set('Cookie', p.cookie).expect(200))
      .body as { items: LogEntry[]; nextCursor: string | null };

  before(async () => {
    await resetDatabase();
    await seedDirectory();
    world = await startRoomWorld();
    alice = await world.person(world.lyon, 'alice@lyon.example');
    bob = await world.person(world.lyon, 'bob@lyon.example');
    carol = await world.person(world.lyon, 'carol@lyon.example');
    roomId = await makeRoom('lyon-cell', 'peer_room', 'RED', 'GREEN', [alice, bob, carol]);
    ids.red = await send(alice, 'Alice red list of names', 'RED');
    ids.strict = await send(alice, 'Alice strict assessment', 'AMBER+STRICT');
    ids.green = await send(alice, 'Alice green note', 'GREEN');
    ids.bobRed = await send(bob, 'Bob red words', 'RED');
    const post = await request(world.server.app)
      .post('/api/v1/spaces/lyon-cell/posts')
      .set({ Cookie: alice.cookie, 'X-CSRF-Token': alice.csrf })
      .send({ title: 'Alice red post', body: 'Names of the partners', label: 'RED' });
    assert.equal(post.status, 201, post.text);
    ids.post = String(post.body.id);
    await request(world.server.app).get(`/api/v1/posts/${ids.post}`).set('Cookie', bob.cookie).expect(200);
    // Bob reads the room's history: his views of Alice's sensitive messages are recorded.
    await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set('Cookie', bob.cookie)
      .expect(200);
    // Alice reads it too: her own views are no news to her.
    await request(world.server.app)
      .get(`/api/v1/rooms/${roomId}/messages`)
      .set('Cookie', alice.cookie)
      .expect(200);
  });
  after(() => world.close());

  it('names who viewed my RED and AMBER+STRICT messages, never my GREEN ones or my own views', async () => {
    const { items } = await log(alice);
    const mine = items.filter((e) => e.item.id === ids.red || e.item.id === ids.strict);
    assert.ok(mine.length >= 2, JSON.stringify(items));
    for (const entry of mine) {
      assert.equal(entry.action, 'viewed');
      assert.equal(entry.item.type, 'Message');
      assert.equal(entry.item.room, roomId, 'the message opens in its room');
      assert.ok(
        entry.people.every((p) => p.id !== alice.personId),
        'not my own views',
      );
    }
    assert.ok(mine.some((e) => e.item.id === ids.red && e.people.some((p) => p.name === bob.name)));
    assert.ok(mine.some((e) => e.item.id === ids.strict && e.item.label === 'AMBER+STRICT'));
    assert.ok(!items.some((e) => e.item.id === ids.green), 'GREEN is not access-audited');
    const postViews = items.filter((e) => e.item.id === ids.post);
    assert.deepEqual(
      postViews.map((e) => [e.action, e.item.type, e.item.label, e.people.map((p) => p.name)]),
      [['viewed', 'Post', 'RED', [bob.name]]],
      'posts too',
    );
    assert.ok(!items.some((e) => e.item.id === ids.bobRed), "Bob's material is not in my log");
  });

  it("shows nobody else's log: Carol, who wrote nothing sensitive, sees nothing of Alice's", async () => {
    const { items } = await log(carol);
    assert.deepEqual(items, []);
    const bobs = await log(bob);
    assert.ok(
      bobs.items.every((e) => e.item.id === ids.bobRed),
      'Bob sees only accesses to his own message',
    );
  });

  it('pages newest first, and refuses hostile queries', async () => {
    const first = await log(alice, '?limit=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await log(alice, `?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.notDeepEqual(second.items, first.items);
    for (const query of ['?limit=1000', '?limit=0', '?cursor[$gt]=x', '?person=' + bob.personId])
      assert.equal(
        (await request(world.server.app).get(`/api/v1/me/access-log${query}`).set('Cookie', alice.cookie))
          .status,
        400,
        query,
      );
    await request(world.server.app).get('/api/v1/me/access-log').expect(401);
  });
});
