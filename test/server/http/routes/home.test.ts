/**
 * GET /api/v1/home and /home/rooms/{room}/unread: the member's workspace. Unread counts and mentions
 * count only what the reader may read (SHARING.md, "Readings settled": counts), the spaces are those
 * the policy lets the person take part in, and the capability flags come from the authorizer.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { randomUUID } from 'node:crypto';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import { markRead } from '../../../../server/services/rooms/markRead.js';
import { startRoomNotifications } from '../../../../server/services/notifications/roomNotifications.js';
import { mentionMarkdown } from '../../../../shared/text/mentions.js';
import { testApp } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { addMembers, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import type { TestPerson } from '../../../support/fixtures.js';

interface HomeSpaceView {
  id: string;
  slug: string;
  unread: number;
  unreadCapped: boolean;
  mentions: number;
  forum: boolean;
}
interface HomeView {
  capabilities: {
    moderate: boolean;
    administer: boolean;
    createSpace: boolean;
    expertProfile: boolean;
    experts: boolean;
    askExperts: boolean;
    triageRequests: boolean;
    overdueRequests: boolean;
    offers: boolean;
    library: boolean;
    editLibrary: boolean;
  };
  hubs: { slug: string; coordinator: boolean }[];
  spaces: HomeSpaceView[];
  mentions: { id: string; space: { name: string }; excerpt: string; author: string | null; link: string }[];
}

describe('/api/v1/home', function () {
  this.timeout(60_000);
  let app: Express;
  let p: SharingPeople;
  let stopRoomNotifications: () => void = () => undefined;

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    stopRoomNotifications = startRoomNotifications();
  });
  after(() => stopRoomNotifications());

  const home = async (who: TestPerson) =>
    (await request(app).get('/api/v1/home').set(who.auth).expect(200)).body as HomeView;
  const spaceOf = async (who: TestPerson, slug: string) =>
    (await home(who)).spaces.find((s) => s.slug === slug);
  const roomId = async (slug: string) => {
    const found = (await home(p.focal)).spaces.find((s) => s.slug === slug);
    assert.ok(found, `focal takes part in ${slug}`);
    return found.id;
  };
  const send = async (who: TestPerson, room: string, body: string, label: string, threadId?: string) =>
    (
      await request(app)
        .post(`/api/v1/rooms/${room}/messages`)
        .set(who.auth)
        .send({ clientId: randomUUID(), body, label, ...(threadId ? { threadId } : {}) })
        .expect(200)
    ).body as { id: string };

  it('asks visitors to sign in', async () => {
    await request(app).get('/api/v1/home').expect(401);
    await request(app).get('/api/v1/home/rooms/000000000000000000000001/unread').expect(401);
  });

  it("lists the person's hubs and the spaces the policy lets them take part in, nothing else", async () => {
    const pierre = await home(p.practitioner);
    const slugs = pierre.spaces.map((s) => s.slug).sort();
    assert.deepEqual(slugs, ['europe-forum', 'lyon-internal', 'lyon-partners', 'network', 'workshop']);
    assert.deepEqual(pierre.hubs, [{ ...pierre.hubs[0], slug: 'europe', coordinator: false }]);
    assert.equal(pierre.spaces.find((s) => s.slug === 'network')?.forum, true);
    assert.equal(pierre.spaces.find((s) => s.slug === 'workshop')?.forum, false);
    // A leaders-only Chatham House room and another city's internal space are not theirs.
    assert.ok(!(await home(p.otherCity)).spaces.some((s) => s.slug === 'lyon-internal'));
    assert.ok((await home(p.otherCity)).spaces.some((s) => s.slug === 'mayors'));
    const cora = await home(p.coordinator);
    assert.deepEqual(
      cora.hubs.map((h) => [h.slug, h.coordinator]),
      [['europe', true]],
    );
  });

  it('gives each person the areas the authorizer lets them open', async () => {
    const flags = async (who: TestPerson) => (await home(who)).capabilities;
    // A member of a member city asks experts; the library is every member's; triage follows moderation.
    const member = { expertProfile: false, experts: true, offers: false, library: true };
    const asker = {
      ...member,
      askExperts: true,
      triageRequests: false,
      overdueRequests: false,
      editLibrary: false,
    };
    const staff = { ...member, askExperts: false };
    assert.deepEqual(await flags(p.practitioner), {
      moderate: false,
      administer: false,
      createSpace: true,
      ...asker,
    });
    assert.deepEqual(await flags(p.focal), {
      moderate: false,
      administer: true,
      createSpace: true,
      ...asker,
    });
    assert.deepEqual(await flags(p.coordinator), {
      moderate: true,
      administer: false,
      createSpace: true,
      ...staff,
      triageRequests: true,
      overdueRequests: false,
      editLibrary: false,
    });
    assert.deepEqual(await flags(p.moderator), {
      moderate: true,
      administer: false,
      createSpace: true,
      ...staff,
      triageRequests: true,
      overdueRequests: true,
      editLibrary: true,
    });
    assert.deepEqual(await flags(p.admin), {
      moderate: false,
      administer: true,
      createSpace: true,
      ...staff,
      triageRequests: false,
      overdueRequests: false,
      editLibrary: true,
    });
    // The Expert Pool: experts keep a profile; invited partners do not browse the experts directory.
    const expert = await flags(p.expert);
    assert.deepEqual(
      [expert.expertProfile, expert.experts, expert.offers, expert.askExperts],
      [true, true, true, false],
      'an expert keeps a profile, browses the directory and takes offers; with no city, asks nothing',
    );
    assert.equal((await flags(p.observer)).experts, false);
    assert.equal((await flags(p.partner)).experts, false);
  });

  it('counts the unread messages of others the reader may read, after their read marker', async () => {
    const workshop = await roomId('workshop');
    const first = await send(p.focal, workshop, 'Agenda for the workshop', 'GREEN');
    await send(p.focal, workshop, 'Venue details', 'GREEN');
    const red = await send(p.focal, workshop, 'Names of the speakers', 'RED');
    await send(p.practitioner, workshop, 'My own message is never unread for me', 'GREEN');
    await send(p.focal, workshop, 'A reply is read in its thread', 'GREEN', first.id);

    const pierre = await spaceOf(p.practitioner, 'workshop');
    assert.equal(pierre?.unread, 3, 'two GREEN and one RED of which Pierre is in the audience');
    assert.equal(pierre?.unreadCapped, false);
    assert.equal((await spaceOf(p.focal, 'workshop'))?.unread, 1, "Pierre's message only");

    // A later joiner is not in the RED audience: the RED message is not counted for them.
    await addMembers('workshop', p.expert);
    assert.equal((await spaceOf(p.expert, 'workshop'))?.unread, 3, 'two GREEN and Pierre’s, never the RED');

    // Reading moves the marker: only what came after it stays unread.
    const actor = await loadActivePersonActor(p.practitioner.id);
    assert.ok(actor);
    await markRead(actor, { roomId: workshop, messageId: red.id });
    assert.equal((await spaceOf(p.practitioner, 'workshop'))?.unread, 0);
    await send(p.focal, workshop, 'One more thing', 'GREEN');
    assert.equal((await spaceOf(p.practitioner, 'workshop'))?.unread, 1);
    const one = await request(app).get(`/api/v1/home/rooms/${workshop}/unread`).set(p.practitioner.auth);
    assert.deepEqual(one.body, { id: workshop, unread: 1, unreadCapped: false });
  });

  it('stops counting a message deleted since', async () => {
    const workshop = await roomId('workshop');
    const before = (await spaceOf(p.otherCity, 'workshop'))?.unread ?? 0;
    const spill = await send(p.focal, workshop, 'Posted in the wrong room', 'GREEN');
    assert.equal((await spaceOf(p.otherCity, 'workshop'))?.unread, before + 1);
    await request(app).delete(`/api/v1/messages/${spill.id}`).set(p.focal.auth).expect(200);
    assert.equal((await spaceOf(p.otherCity, 'workshop'))?.unread, before);
  });

  it('refuses the unread count of a room the person does not take part in, as if it did not exist', async () => {
    const internal = await roomId('lyon-internal');
    await request(app).get(`/api/v1/home/rooms/${internal}/unread`).set(p.otherCity.auth).expect(404);
    await request(app).get('/api/v1/home/rooms/not-an-id/unread').set(p.otherCity.auth).expect(400);
  });

  it('lists unread mentions in CLEAR and GREEN material; AMBER mentions count only as unread messages', async () => {
    const workshop = await roomId('workshop');
    const internal = await roomId('lyon-internal');
    const mention = mentionMarkdown(p.practitioner.id, 'Pierre Practitioner');
    await send(p.focal, workshop, `${mention} can you **bring** the [report](https://example.org)?`, 'GREEN');
    await send(p.focal, internal, `${mention} the threat assessment is ready`, 'AMBER');
    let view: HomeView | null = null;
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      view = await home(p.practitioner);
      if (view.mentions.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(view);
    assert.equal(view.mentions.length, 1, 'the AMBER mention is not listed as a mention');
    const [listed] = view.mentions;
    assert.equal(listed?.excerpt, '@Pierre Practitioner can you bring the report?');
    assert.equal(listed?.author, 'Fatou Focal');
    assert.equal(listed?.space.name, 'workshop');
    assert.match(listed?.link ?? '', new RegExp(`^/rooms/${workshop}#message-`));
    assert.equal(view.spaces.find((s) => s.slug === 'workshop')?.mentions, 1);
    assert.equal(view.spaces.find((s) => s.slug === 'lyon-internal')?.mentions, 0);
    assert.ok((view.spaces.find((s) => s.slug === 'lyon-internal')?.unread ?? 0) >= 1);

    // Once the notification is read, the mention is no longer new.
    await request(app)
      .post(`/api/v1/me/notifications/${listed?.id}/read`)
      .set(p.practitioner.auth)
      .expect(200);
    assert.equal((await home(p.practitioner)).mentions.length, 0);
  });
});
