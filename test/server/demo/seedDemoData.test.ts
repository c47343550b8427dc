/**
 * The demo data shows the whole product, and was made through the services (so the policy decided
 * each step): every hub has its forum and its room, the mayors' peer room is leaders-only under the
 * Chatham House Rule with mayors in it, the ISC committee and a city space hold messages their
 * members alone read, flagged material waits for the moderators, and demo people have unread
 * mentions.
 */
import assert from 'node:assert/strict';
import type { PersonActor } from '../../../shared/policy/actor.js';
import { demoActor } from '../../../server/demo/demoActors.js';
import { seedDemoData } from '../../../server/demo/seedDemoData.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { FlagModel } from '../../../server/models/Flag.js';
import { HubModel } from '../../../server/models/Hub.js';
import { SpaceModel } from '../../../server/models/Space.js';
import { listTopics } from '../../../server/services/forums/listTopics.js';
import { listNotifications } from '../../../server/services/notifications/listNotifications.js';
import { listRooms } from '../../../server/services/rooms/listRooms.js';
import { readHistory } from '../../../server/services/rooms/readHistory.js';
import { addSpaceMember } from '../../../server/services/spaces/addSpaceMember.js';
import { getSpace } from '../../../server/services/spaces/getSpace.js';
import { listSpaceMembers } from '../../../server/services/spaces/listSpaceMembers.js';
import { resetDatabase } from '../../support/database.js';

const D = 'demo.concordia.example';
const WANJIRU = `focal@nairobi.${D}`;
const GRACE = `mayor@nairobi.${D}`;
const OMAR = `mayor@amman.${D}`;
const JEAN = `mayor@montreal.${D}`;
const JOSEPH = `moderator@${D}`;

/** A member of each hub's cities, who reads its forum and room. */
const HUB_MEMBER: Record<string, string> = {
  'east-southern-africa': WANJIRU,
  mena: `coordinator@amman.${D}`,
  'south-asia': `practitioner@dhaka.${D}`,
  europe: `practitioner@lyon.${D}`,
  'north-america': `practitioner@montreal.${D}`,
};

async function roomOf(slug: string): Promise<string> {
  const space = await SpaceModel.findOne({ slug }, { _id: 1 }).lean();
  assert.ok(space, `space ${slug}`);
  return String(space._id);
}

async function messagesIn(actor: PersonActor, slug: string) {
  return (await readHistory(actor, { roomId: await roomOf(slug), limit: 50 })).items;
}

async function roomSlugs(actor: PersonActor): Promise<string[]> {
  return (await listRooms(actor, { limit: 100 })).items.map((r) => r.slug);
}

async function unreadKinds(email: string): Promise<string[]> {
  const page = await listNotifications(await demoActor(email), { limit: 50, unread: true });
  return page.items.map((n) => n.kind);
}

describe('the demo data', function () {
  this.timeout(120_000);

  before(async () => {
    await resetDatabase();
    assert.equal(await seedDemoData(), true);
  });

  it('is loaded once: a database that holds people is left alone', async () => {
    assert.equal(await seedDemoData(), false);
  });

  it('gives each of the five hubs its forum (pinned welcome, topics with replies) and its room', async () => {
    const hubs = await HubModel.find({}, { slug: 1 }).lean();
    assert.deepEqual(hubs.map((h) => h.slug).sort(), Object.keys(HUB_MEMBER).sort());
    for (const hub of hubs) {
      const space = await SpaceModel.findOne({ kind: 'hub', hubId: hub._id }, { slug: 1 }).lean();
      assert.ok(space, `${hub.slug} has a hub space`);
      const member = await demoActor(HUB_MEMBER[hub.slug]!);
      const welcome = await listTopics(member, space.slug, 'announcements', { limit: 10 });
      assert.equal(welcome.items[0]?.pinned, true, `${hub.slug}: the welcome is pinned`);
      const general = await listTopics(member, space.slug, 'general', { limit: 10 });
      assert.ok(general.items.length >= 1, `${hub.slug}: a topic`);
      assert.ok(
        general.items.some((t) => t.replies >= 1),
        `${hub.slug}: a topic with replies`,
      );
      assert.ok((await messagesIn(member, space.slug)).length >= 2, `${hub.slug}: messages in its room`);
      assert.ok((await roomSlugs(member)).includes(space.slug), `${hub.slug}: in the member's rooms`);
    }
  });

  it("has a leaders-only mayors' peer room under the Chatham House Rule, with three mayors in it", async () => {
    const omar = await demoActor(OMAR);
    const room = await getSpace(omar, 'mayors-peer-room');
    assert.equal(room.kind, 'peer_room');
    assert.equal(room.leadersOnly, true);
    assert.equal(room.chathamHouse, true);
    assert.equal(room.ceiling, 'RED');
    const members = await listSpaceMembers(omar, 'mayors-peer-room', { limit: 10 });
    assert.deepEqual(members.items.map((m) => [m.person.name, m.role]).sort(), [
      ['Grace Wambui', 'member'],
      ['Jean Tremblay', 'member'],
      ['Omar Al-Khatib', 'owner'],
    ]);
    for (const mayor of [OMAR, JEAN, GRACE]) {
      const messages = await messagesIn(await demoActor(mayor), 'mayors-peer-room');
      assert.ok(messages.length >= 3, `${mayor} reads the peer room`);
    }
    // The policy made it: its owner is the mayor who created it, and it admits no practitioner.
    const created = await AuditEntryModel.findOne({
      action: 'space.created',
      'target.label': 'mayors-peer-room',
    }).lean();
    assert.equal((created?.actor as { id?: string } | undefined)?.id, omar.id);
    const wanjiru = await demoActor(WANJIRU);
    assert.ok(!(await roomSlugs(wanjiru)).includes('mayors-peer-room'));
    await assert.rejects(
      addSpaceMember(omar, 'mayors-peer-room', { person: wanjiru.id, role: 'member' }),
      /mayors and city leaders only/,
    );
  });

  it('has the ISC committee room and a city space, each read by its own people only', async () => {
    const committee = await getSpace(await demoActor(OMAR), 'isc-committee');
    assert.equal(committee.kind, 'committee');
    assert.ok((await messagesIn(await demoActor(JEAN), 'isc-committee')).length >= 3);
    const city = await getSpace(await demoActor(WANJIRU), 'nairobi-city-team');
    assert.equal(city.kind, 'city');
    assert.equal(city.city, 'nairobi');
    assert.ok((await messagesIn(await demoActor(GRACE), 'nairobi-city-team')).length >= 2);
    const practitioner = await demoActor(`practitioner@lyon.${D}`);
    const theirs = await roomSlugs(practitioner);
    assert.ok(!theirs.includes('isc-committee') && !theirs.includes('nairobi-city-team'));
    assert.ok(!(await roomSlugs(await demoActor(OMAR))).includes('nairobi-city-team'));
  });

  it('has flagged forum and room material waiting for the moderators, who were told', async () => {
    const open = await FlagModel.find({ state: 'open' }).lean();
    const types = open.map((f) => f.itemType ?? 'Post').sort();
    assert.ok(types.includes('Post') && types.includes('Message'), `open flags on ${types.join(', ')}`);
    const wanjiru = await demoActor(WANJIRU);
    assert.ok(open.every((f) => String(f.flaggedBy) === wanjiru.id));
    const flagged = await AuditEntryModel.countDocuments({
      action: 'content.flagged',
      'actor.id': wanjiru.id,
    });
    assert.equal(flagged, open.length, 'each flag went through the flag service (audited)');
    const told = await unreadKinds(JOSEPH);
    assert.ok(told.includes('post.flagged') && told.includes('message.flagged'), told.join(', '));
  });

  it('leaves demo people unread mentions, in forums and in rooms', async () => {
    for (const email of [
      WANJIRU,
      OMAR,
      GRACE,
      JEAN,
      `practitioner@kampala.${D}`,
      `practitioner@catalonia.${D}`,
    ]) {
      const kinds = await unreadKinds(email);
      assert.ok(
        kinds.some((k) => k === 'post.mentioned' || k === 'message.mentioned'),
        `${email}: ${kinds.join(', ')}`,
      );
    }
    assert.ok((await unreadKinds(GRACE)).includes('message.mentioned'), 'a mention in the peer room');
  });
});
