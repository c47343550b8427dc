/**
 * SHARING.md, "Readings settled": a person who leaves or is removed from a space no longer reads its
 * material, their own included, nor after losing the role a leaders-only room needs or their city
 * stopping being a member; their own items stay in their personal export, each marked with its label.
 * The export holds everything they wrote (posts, room messages, documents; any label) and never other
 * people's AMBER and above. Also "Chatham House Rule and search" (no author or city in
 * /search/posts, even for members) and "Hub moderators" (they read the hub they moderate).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { PostModel } from '../../../server/models/Post.js';
import { changeCityStatus } from '../../../server/services/cities/changeCityStatus.js';
import { setPersonRoles } from '../../../server/services/people/setPersonRoles.js';
import { testApp } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, type TestPerson } from '../../support/fixtures.js';
import { addMembers, person, seedSharing, space, type SharingPeople } from '../../support/sharingFixtures.js';

describe('leaving a space, personal export, Chatham House search and hub moderators', function () {
  this.timeout(90_000);
  let app: Express;
  let people: SharingPeople;

  const post = async (who: TestPerson, slug: string, label: string, word: string) =>
    String(
      (
        await request(app)
          .post(`/api/v1/spaces/${slug}/posts`)
          .set(who.auth)
          .send({ title: `${word} title`, body: `${word} body`, label })
          .expect(201)
      ).body.id,
    );

  /** What the author can still reach of their own item: by id, the space's list, search. */
  async function reach(who: TestPerson, slug: string, id: string, word: string) {
    const item = await request(app).get(`/api/v1/posts/${id}`).set(who.auth);
    const list = await request(app).get(`/api/v1/spaces/${slug}/posts`).set(who.auth);
    const found = await request(app).get(`/api/v1/search/posts?q=${word}`).set(who.auth);
    const general = await request(app).get(`/api/v1/search?q=${word}`).set(who.auth);
    return {
      item: item.status,
      listed: list.status === 200 && (list.body.items as { id: string }[]).some((p) => p.id === id),
      found: (found.body.items as { id: string }[]).some((p) => p.id === id),
      general: (general.body.items as { id: string }[]).some((p) => p.id === id),
    };
  }
  const gone = { item: 404, listed: false, found: false, general: false };
  const exported = async (who: TestPerson) =>
    (await request(app).get('/api/v1/me/export').set(who.auth).expect(200)).body as {
      posts: { id: string; label: string }[];
      messages: { id: string; label: string; room: string }[];
    };

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    app = testApp();
  });

  it('an author who leaves stops reading their own items; the export keeps them with their label', async () => {
    const id = await post(people.practitioner, 'workshop', 'RED', 'leaveword');
    assert.deepEqual(await reach(people.practitioner, 'workshop', id, 'leaveword'), {
      item: 200,
      listed: true,
      found: true,
      general: true,
    });
    await request(app).post('/api/v1/spaces/workshop/leave').set(people.practitioner.auth).expect(200);
    assert.deepEqual(await reach(people.practitioner, 'workshop', id, 'leaveword'), gone);
    const edit = await request(app)
      .patch(`/api/v1/posts/${id}`)
      .set(people.practitioner.auth)
      .send({ body: 'changed' });
    // The author knows the item exists (they wrote it), so the refusal is "forbidden", and nothing changes.
    assert.equal(edit.status, 403, 'no edits to material one no longer reads');
    assert.equal((await PostModel.findById(id).lean())?.body, 'leaveword body');
    const mine = await exported(people.practitioner);
    assert.deepEqual(
      mine.posts.filter((p) => p.id === id).map((p) => p.label),
      ['RED'],
    );
    // Their own data stays theirs to erase, wherever they are now.
    await request(app)
      .delete(`/api/v1/posts/${id}`)
      .set(people.practitioner.auth)
      .send({ reason: 'erasing my own' })
      .expect(200);
    assert.ok(!(await exported(people.practitioner)).posts.some((p) => p.id === id), 'erased');
    await addMembers('workshop', people.practitioner);
  });

  it('an author removed from a space stops reading their own items', async () => {
    const id = await post(people.focal, 'workshop', 'GREEN', 'removeword');
    await request(app)
      .delete(`/api/v1/spaces/workshop/members/${people.focal.id}`)
      .set(people.admin.auth)
      .expect(200);
    assert.deepEqual(await reach(people.focal, 'workshop', id, 'removeword'), gone);
    assert.ok((await exported(people.focal)).posts.some((p) => p.id === id));
    await addMembers('workshop', people.focal);
  });

  it('an author who loses the role a leaders-only room needs stops reading what they said there', async () => {
    const id = await post(people.otherCity, 'mayors', 'RED', 'mayorword');
    assert.equal((await reach(people.otherCity, 'mayors', id, 'mayorword')).item, 200);
    await setPersonRoles(OPERATOR, people.otherCity.id, ['practitioner']);
    assert.deepEqual(await reach(people.otherCity, 'mayors', id, 'mayorword'), gone);
    assert.deepEqual(
      (await exported(people.otherCity)).posts.filter((p) => p.id === id).map((p) => p.label),
      ['RED'],
    );
    await setPersonRoles(OPERATOR, people.otherCity.id, ['leader']);
  });

  it('an author whose city is suspended stops reading their own items', async () => {
    const id = await post(people.isc, 'isc', 'AMBER', 'iscword');
    await changeCityStatus(OPERATOR, 'amman', { status: 'suspended', reason: 'reading test' });
    try {
      assert.deepEqual(await reach(people.isc, 'isc', id, 'iscword'), gone);
      assert.ok((await exported(people.isc)).posts.some((p) => p.id === id && p.label === 'AMBER'));
    } finally {
      await changeCityStatus(OPERATOR, 'amman', { status: 'member', reason: 'reinstated' });
    }
  });

  it("the export holds one's own room messages at any label, and never other people's AMBER and above", async () => {
    const lyonRoom = await space('lyon-room', 'city', 'AMBER+STRICT', 'AMBER', { city: 'lyon' });
    for (const [who, label] of [
      [people.practitioner, 'AMBER+STRICT'],
      [people.focal, 'AMBER'],
    ] as const)
      await request(app)
        .post(`/api/v1/rooms/${lyonRoom.id}/messages`)
        .set(who.auth)
        .send({ clientId: crypto.randomUUID(), body: `${label} exportword`, label })
        .expect(200);
    const mine = await exported(people.practitioner);
    assert.deepEqual(
      mine.messages.map((m) => [m.room, m.label]),
      [['lyon-room', 'AMBER+STRICT']],
    );
    const focalAmber = await post(people.focal, 'lyon-internal', 'AMBER', 'otherword');
    // A copy they forwarded carries the focal point's AMBER words: it stays out of their export.
    const forwarded = await request(app)
      .post(`/api/v1/posts/${focalAmber}/share`)
      .set(people.practitioner.auth)
      .send({ to: 'lyon-partners' })
      .expect(201);
    const again = await exported(people.practitioner);
    assert.ok(!again.posts.some((p) => p.id === forwarded.body.id), 'no forwarded AMBER copy');
    assert.ok(!again.posts.some((p) => p.id === focalAmber), "no one else's AMBER post");
    const own = await post(people.practitioner, 'lyon-internal', 'AMBER+STRICT', 'ownword');
    const last = await exported(people.practitioner);
    assert.ok(
      last.posts.some((p) => p.id === own && p.label === 'AMBER+STRICT'),
      'their own, any label',
    );
    const authors = await PostModel.find(
      { _id: { $in: last.posts.map((p) => p.id) } },
      { authorId: 1 },
    ).lean();
    assert.deepEqual(
      [...new Set(authors.map((a) => String(a.authorId)))],
      [people.practitioner.id],
      'every exported post is their own',
    );
  });

  it("the export lists one's own documents and the versions they uploaded, at any label, and no one else's", async () => {
    const upload = (who: TestPerson, slug: string, label: string, title: string) =>
      request(app)
        .post(`/api/v1/spaces/${slug}/documents`)
        .set(who.auth)
        .field('title', title)
        .field('label', label)
        .attach('file', Buffer.from(`${title}: minutes of the meeting.\n`), `${title}.txt`)
        .expect(201);
    const own = await upload(people.practitioner, 'workshop', 'RED', 'threat-assessment');
    await request(app)
      .post(`/api/v1/documents/${own.body.id}/versions`)
      .set(people.practitioner.auth)
      .field('note', 'Corrected names')
      .attach('file', Buffer.from('threat-assessment, corrected.\n'), 'threat-assessment-v2.txt')
      .expect(201);
    const other = await upload(people.focal, 'workshop', 'GREEN', 'focal-notes');
    const mine = (await request(app).get('/api/v1/me/export').set(people.practitioner.auth).expect(200))
      .body as {
      documents: {
        id: string;
        space: string;
        label: string;
        versions: {
          n: number;
          fileName: string;
          sha256: string;
          note: string | null;
          download: string | null;
        }[];
      }[];
    };
    assert.deepEqual(
      mine.documents.map((d) => [d.id, d.space, d.label]),
      [[own.body.id, 'workshop', 'RED']],
    );
    assert.ok(!mine.documents.some((d) => d.id === other.body.id), "no one else's document");
    assert.deepEqual(
      mine.documents[0]!.versions.map((v) => [v.n, v.fileName, v.note, v.download]),
      [
        [1, 'threat-assessment.txt', null, `/api/v1/documents/${own.body.id}/versions/1/download`],
        [
          2,
          'threat-assessment-v2.txt',
          'Corrected names',
          `/api/v1/documents/${own.body.id}/versions/2/download`,
        ],
      ],
    );
    assert.match(mine.documents[0]!.versions[0]!.sha256, /^[0-9a-f]{64}$/);
  });

  it('search results carry no Chatham House author or city, even for members of the space', async () => {
    const lina = await person('Lina Leader', 'lina@lyon.test.example', ['leader'], 'lyon');
    const auth = lina.auth;
    await addMembers('mayors', lina);
    const id = await post(people.otherCity, 'mayors', 'RED', 'chrword');
    const inSpace = await request(app).get(`/api/v1/posts/${id}`).set(auth).expect(200);
    assert.ok(inSpace.body.author, 'inside the space, members see who said it');
    const found = await request(app).get('/api/v1/search/posts?q=chrword').set(auth).expect(200);
    const hit = (found.body.items as { id: string; author: unknown; city: unknown }[]).find(
      (p) => p.id === id,
    );
    assert.ok(hit, 'the member finds it');
    assert.equal(hit.author, null);
    assert.equal(hit.city, null);
  });

  it('a hub coordinator reads the hub they moderate without belonging to one of its cities', async () => {
    const id = await post(people.practitioner, 'europe-forum', 'GREEN', 'hubword');
    const coordinator = await request(app).get(`/api/v1/posts/${id}`).set(people.coordinator.auth);
    assert.equal(coordinator.status, 200);
    const list = await request(app).get('/api/v1/spaces/europe-forum/posts').set(people.coordinator.auth);
    assert.ok((list.body.items as { id: string }[]).some((p) => p.id === id));
    const amman = await request(app).get(`/api/v1/posts/${id}`).set(people.otherCity.auth);
    assert.equal(amman.status, 404, 'a person of another hub does not');
  });
});
