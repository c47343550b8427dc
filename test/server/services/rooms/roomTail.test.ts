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
import { findContentPage } from '../../../../server/policy/contentAccess.js';
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
  /** The people named by each room's live RED messages. */
  const redAudiences = new Map<string, Set<string>>();

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
    for (const [, spaceId] of roomIds) {
      const red = await MessageModel.find(
        { spaceId, label: 'RED', state: 'visible' },
        { audienceIds: 1 },
      ).lean();
      redAudiences.set(String(spaceId), new Set(red.flatMap((m) => m.audienceIds.map(String))));
    }
    const everyone = (await PersonModel.find({}, { _id: 1 }).lean()).map((p) => String(p._id));
    actors = await loadActivePersonActors(everyone);
    assert.ok(actors.length >= 10);
  });

  it('answers every member of every room rejoining together as their own readable query would', async () => {
    const joins: { grant: RoomGrant; lastSeenId: string; spaceId: Types.ObjectId }[] = [];
    for (const [, spaceId] of roomIds) {
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
    assert.ok(joins.length >= 8, `${joins.length} joins`);
    // Those named by a live RED message of their room read those with their own filter.
    const named = joins.filter(({ grant, spaceId }) =>
      redAudiences.get(String(spaceId))?.has(grant.actor.id),
    ).length;
    assert.ok(named >= 2, `${named} named`);
    const { result, commands } = await commandsDuring(() =>
      Promise.all(joins.map(({ grant, lastSeenId }) => missedSince(grant, lastSeenId))),
    );
    // One read of every room's messages for members, one of the RED audiences, one per named reader.
    assert.equal(commands.filter((c) => c === 'messages.find').length, 2 + named, commands.join());
    const shares = new Map<string, Set<string>>();
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
      assert.deepEqual(
        answer.missed.map((m) => m.id),
        ids(own.items).reverse(),
        `${grant.actor.name} in ${String(spaceId)}`,
      );
      assert.equal(answer.more, false);
      assert.ok(!answer.missed.some((m) => m.id === lastSeenId), 'the last seen message is not repeated');
      const room = String(spaceId);
      if (!shares.has(room)) shares.set(room, new Set());
      shares.get(room)!.add(answer.missed.map((m) => m.id).join());
    }
    // The table has teeth: in the workshop, each RED audience reads different messages.
    assert.ok(shares.get(String(roomIds.get('workshop')))!.size >= 2, 'workshop shares');
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
    // The read of both rooms (full: the workshop's part is whole, the network's is not) and of their
    // RED audiences, the network's own read (which holds the shallow reader's part), the deep
    // reader's own page, and the RED messages naming the practitioner in each room (their own filter).
    assert.equal(commands.filter((c) => c === 'messages.find').length, 6, commands.join());
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
