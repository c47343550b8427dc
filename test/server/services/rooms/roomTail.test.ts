/**
 * The missed messages of rejoining sockets, read once per room and turn (server/services/rooms/
 * roomTail.ts) and shared out per reader with the policy's per-item rules: for every person of the
 * sharing world and every kind of message (each label, state, RED audience, hidden thread reply,
 * published), the share equals what the readable query gives that person.
 */
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { LABELS, type Label } from '../../../../shared/policy/labels.js';
import { MessageModel } from '../../../../server/models/Message.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { findContentPage, loadRoomTails, readableAmong } from '../../../../server/policy/contentAccess.js';
import { loadSharingContext } from '../../../../server/policy/loadSharingContext.js';
import { loadActivePersonActors } from '../../../../server/policy/personActor.js';
import { MISSED_CAP, missedFloor, missedSince } from '../../../../server/services/rooms/joinRoom.js';
import { authorizeRoom, type RoomGrant } from '../../../../server/services/rooms/roomAccess.js';
import { ROOM_TAIL_LIMIT } from '../../../../server/services/rooms/roomTail.js';
import type { PersonActor } from '../../../../shared/policy/actor.js';
import { commandsDuring } from '../../../support/commandLog.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

const EPOCH = Types.ObjectId.createFromTime(0);
const ROOMS = ['workshop', 'lyon-internal', 'mayors', 'network'];
let sequence = 0;

interface MessageShape {
  label: Label;
  state?: 'visible' | 'quarantined' | 'deleted';
  audience?: string[];
  topicHidden?: boolean;
  published?: boolean;
}

function messageOf(
  room: { _id: Types.ObjectId; hubId?: Types.ObjectId | null },
  author: string,
  shape: MessageShape,
) {
  sequence += 1;
  return {
    spaceId: room._id,
    spaceHubId: room.hubId ?? null,
    label: shape.label,
    audienceIds: (shape.audience ?? []).map((id) => new Types.ObjectId(id)),
    authorId: new Types.ObjectId(author),
    authorName: 'Author',
    state: shape.state ?? 'visible',
    published: shape.published ?? false,
    topicHidden: shape.topicHidden ?? false,
    clientId: `tail-${sequence}`,
    body: `message ${sequence}`,
    html: `<p>message ${sequence}</p>`,
  };
}

/** Every kind of message the policy tells apart, in a room. */
function everyKind(people: SharingPeople): MessageShape[] {
  const shapes: MessageShape[] = [];
  for (const label of LABELS)
    for (const state of ['visible', 'quarantined', 'deleted'] as const) shapes.push({ label, state });
  shapes.push(
    { label: 'RED', audience: [people.practitioner.id] },
    { label: 'RED', audience: [people.otherCity.id, people.focal.id] },
    { label: 'GREEN', topicHidden: true },
    { label: 'CLEAR', published: true },
    { label: 'AMBER+STRICT' },
  );
  return shapes;
}

const ids = (items: { _id: unknown }[]) => items.map((item) => String(item._id));

describe('a room’s missed messages read once for every reader rejoining it', function () {
  this.timeout(120_000);
  let people: SharingPeople;
  let actors: PersonActor[];
  const roomIds = new Map<string, Types.ObjectId>();

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    for (const slug of ROOMS) {
      const room = await SpaceModel.findOne({ slug }, { _id: 1, hubId: 1 }).lean();
      assert.ok(room, slug);
      roomIds.set(slug, room._id);
      await MessageModel.insertMany(
        everyKind(people).map((shape) => messageOf(room, people.practitioner.id, shape)),
      );
    }
    const everyone = (await PersonModel.find({}, { _id: 1 }).lean()).map((p) => String(p._id));
    actors = await loadActivePersonActors(everyone);
    assert.ok(actors.length >= 10);
  });

  it('gives each person, from the shared read, exactly what the readable query gives them', async () => {
    const shares = new Map<string, Set<string>>();
    for (const actor of actors) {
      const ctx = await loadSharingContext(actor);
      for (const [slug, spaceId] of roomIds) {
        const query = await findContentPage(ctx, {
          type: 'Message',
          filters: [{ spaceId }, { _id: { $gte: EPOCH } }],
          sortField: '_id',
          direction: 'desc',
          limit: 1000,
          cursor: undefined,
        });
        const share = readableAmong(ctx, await loadRoomTails([{ spaceId, floor: EPOCH }], 1000), 'Message');
        assert.deepEqual(ids(share), ids(query.items), `${actor.name} in ${slug}`);
        if (!shares.has(slug)) shares.set(slug, new Set());
        shares.get(slug)!.add(ids(query.items).join());
      }
    }
    // The table has teeth: in each room, people read different messages (in the workshop, those of
    // outsiders, of each RED audience and of members named by neither).
    for (const [slug, distinct] of shares) assert.ok(distinct.size >= 2, slug);
    assert.ok(shares.get('workshop')!.size >= 3, 'workshop');
  });

  it('answers every member of several rooms rejoining together from one read, each with their own share', async () => {
    const joins: { grant: RoomGrant; lastSeenId: string; spaceId: Types.ObjectId }[] = [];
    for (const slug of ['workshop', 'lyon-internal', 'mayors']) {
      const spaceId = roomIds.get(slug)!;
      const first = await MessageModel.findOne({ spaceId }).sort({ _id: 1 }).lean();
      assert.ok(first);
      for (const actor of actors) {
        try {
          const grant = await authorizeRoom(actor, String(spaceId));
          joins.push({ grant, lastSeenId: String(first._id), spaceId });
        } catch {
          // Not a member: no join to answer.
        }
      }
    }
    assert.ok(joins.length >= 6, `${joins.length} joins`);
    const { result, commands } = await commandsDuring(() =>
      Promise.all(joins.map(({ grant, lastSeenId }) => missedSince(grant, lastSeenId))),
    );
    assert.equal(commands.filter((c) => c === 'messages.find').length, 1, commands.join());
    for (const [i, { grant, lastSeenId, spaceId }] of joins.entries()) {
      const own: { items: { _id: unknown }[] } = await findContentPage(grant.ctx, {
        type: 'Message',
        filters: [{ spaceId }, { _id: { $gte: EPOCH, $ne: new Types.ObjectId(lastSeenId) } }],
        sortField: '_id',
        direction: 'desc',
        limit: MISSED_CAP,
        cursor: undefined,
      });
      const answer = result[i]!;
      const where = `${grant.actor.name} in ${String(spaceId)}`;
      assert.deepEqual(
        answer.missed.map((m) => m.id),
        ids(own.items).reverse(),
        where,
      );
      assert.equal(answer.more, false);
      assert.ok(!answer.missed.some((m) => m.id === lastSeenId), 'the last seen message is not repeated');
    }
    assert.ok(
      new Set(result.map((r) => r.missed.map((m) => m.id).join())).size >= 3,
      'members read different shares',
    );
  });

  it('reads their own page for those who missed more than one shared read holds', async () => {
    const spaceId = roomIds.get('network')!;
    const room = await SpaceModel.findById(spaceId, { _id: 1, hubId: 1 }).lean();
    assert.ok(room);
    // More messages than one shared read holds, stored an hour ago, one a second.
    const base = Math.floor(Date.now() / 1000) - 3600;
    await MessageModel.insertMany(
      Array.from({ length: ROOM_TAIL_LIMIT + 5 }, (_, i) => ({
        _id: Types.ObjectId.createFromTime(base + i),
        ...messageOf(room, people.admin.id, { label: 'GREEN' }),
      })),
    );
    const recent = await MessageModel.create(messageOf(room, people.admin.id, { label: 'GREEN' }));
    await MessageModel.insertMany(
      Array.from({ length: 10 }, () => messageOf(room, people.admin.id, { label: 'AMBER' })),
    );
    const grant = await authorizeRoom(
      actors.find((a) => a.id === people.practitioner.id)!,
      String(spaceId),
    );
    // One rejoins from before the flood (beyond the shared read), one from just now (within it); a
    // workshop member rejoins at the same moment.
    const deepSeen = String(Types.ObjectId.createFromTime(base - 60));
    const shallowSeen = String(recent._id);
    const workshopId = roomIds.get('workshop')!;
    const workshopFirst = await MessageModel.findOne({ spaceId: workshopId }).sort({ _id: 1 }).lean();
    assert.ok(workshopFirst);
    const workshopGrant = await authorizeRoom(
      actors.find((a) => a.id === people.practitioner.id)!,
      String(workshopId),
    );
    const { result, commands } = await commandsDuring(() =>
      Promise.all([
        missedSince(grant, deepSeen),
        missedSince(grant, shallowSeen),
        missedSince(workshopGrant, String(workshopFirst._id)),
      ]),
    );
    // The read of both rooms (full: the workshop's part is whole, the network's is not), the
    // network's own read (which holds the shallow reader's part) and the deep reader's own page.
    assert.equal(commands.filter((c) => c === 'messages.find').length, 3, commands.join());
    const workshopOwn = await findContentPage(workshopGrant.ctx, {
      type: 'Message',
      filters: [{ spaceId: workshopId }, { _id: { $gte: EPOCH, $ne: workshopFirst._id } }],
      sortField: '_id',
      direction: 'desc',
      limit: MISSED_CAP,
      cursor: undefined,
    });
    assert.deepEqual(
      result[2]!.missed.map((m) => m.id),
      ids(workshopOwn.items).reverse(),
    );
    const [deep, shallow] = result;
    for (const [answer, seen] of [
      [deep!, deepSeen],
      [shallow!, shallowSeen],
    ] as const) {
      const own = await findContentPage(grant.ctx, {
        type: 'Message',
        filters: [{ spaceId }, { _id: { $gte: missedFloor(seen), $ne: new Types.ObjectId(seen) } }],
        sortField: '_id',
        direction: 'desc',
        limit: MISSED_CAP,
        cursor: undefined,
      });
      assert.deepEqual(
        answer.missed.map((m) => m.id),
        ids(own.items).reverse(),
      );
      assert.equal(answer.more, own.nextCursor !== null);
    }
    assert.equal(deep!.missed.length, MISSED_CAP);
    assert.equal(deep!.more, true);
    assert.ok(shallow!.missed.length >= 10 && shallow!.missed.length < MISSED_CAP);
  });
});
