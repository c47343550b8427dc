/**
 * The table of expected outcomes for room messages (SHARING.md, "How the code should hold these
 * rules"): every role x every label x the room channels (REST history, missed messages at rejoin, live
 * fan-out target, sending with that label, raising and lowering a fresh message of that label one step
 * with a justification), checked against the real services and the app over HTTP.
 *
 * The world (seedSharing): the author (a Lyon practitioner) sends one message per label in "workshop",
 * an event room with ceiling RED whose explicit members are the author, Amman's leader and Lyon's focal
 * point. Then the expert joins (a later joiner). Everyone else stays outside.
 */
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import request from 'supertest';
import type { Express } from 'express';
import type { Actor } from '../../../shared/policy/actor.js';
import { LABELS, type Label } from '../../../shared/policy/labels.js';
import { loadContent } from '../../../server/policy/contentAccess.js';
import { joinRoom } from '../../../server/services/rooms/joinRoom.js';
import { authorizeRoom, memberChannel, roomChannel } from '../../../server/services/rooms/roomAccess.js';
import { sendMessage } from '../../../server/services/rooms/sendMessage.js';
import { actorFromApiToken } from '../../../server/services/tokens/apiTokens.js';
import { messageTargets } from '../../../server/sockets/roomDelivery.js';
import { MessageModel } from '../../../server/models/Message.js';
import { SpaceModel } from '../../../server/models/Space.js';
import { resetDatabase } from '../../support/database.js';
import { testApp } from '../../support/app.js';
import { addMembers, seedSharing, type SharingPeople, type Who } from '../../support/sharingFixtures.js';

const Y = true;
const N = false;

type Row = [
  Who,
  Label,
  boolean, // history: GET /rooms/:room/messages shows it
  boolean, // missed: room:join with an older lastSeenId returns it
  boolean, // live: the person's joined sockets are among the message's fan-out targets
  boolean, // send: POST /rooms/:room/messages with that label
  boolean | null, // raise one step: POST /messages/:id/relabel (null: no higher label than RED)
  boolean | null, // lower one step (null: no lower label than CLEAR)
];

const OUTSIDERS: Who[] = ['anonymous', 'isc', 'moderator', 'coordinator', 'admin', 'partner', 'observer'];
const MEMBERS: Who[] = ['practitioner', 'leader', 'focal'];

/** The relabel columns: `raise`/`lower` where a step exists in that direction, else null. */
const steps = (label: Label, raise: boolean, lower: boolean): [boolean | null, boolean | null] => [
  label === 'RED' ? null : raise,
  label === 'CLEAR' ? null : lower,
];

// Members at the moment of sending see every label; the later joiner all but RED (the RED audience is
// a snapshot); people outside the room, moderators and admins included, see nothing and send nothing.
// Relabel as for posts: the author raises and lowers, Lyon's focal point (the author's city) lowers,
// a global moderator does both without reading; nobody else.
const RELABEL: Partial<Record<Who, [boolean, boolean]>> = {
  practitioner: [Y, Y],
  focal: [N, Y],
  moderator: [Y, Y],
};
const relabels = (who: Who, label: Label) => steps(label, ...(RELABEL[who] ?? [N, N]));
const EXPECTED: Row[] = [
  ...MEMBERS.flatMap((who) => LABELS.map((label): Row => [who, label, Y, Y, Y, Y, ...relabels(who, label)])),
  ...LABELS.map((label): Row => {
    const seen = label !== 'RED';
    return ['lateJoiner', label, seen, seen, seen, Y, ...relabels('lateJoiner', label)];
  }),
  ...OUTSIDERS.flatMap((who) =>
    LABELS.map((label): Row => [who, label, N, N, N, N, ...relabels(who, label)]),
  ),
];

describe('the sharing policy for room messages (table of expected outcomes)', function () {
  this.timeout(120_000);
  let app: Express;
  let people: SharingPeople;
  let roomId: string;
  let author: Actor;
  const items = {} as Record<Label, string>;
  const start = Types.ObjectId.createFromTime(Math.floor(Date.now() / 1000) - 60).toHexString();

  const personFor = (who: Who) => {
    if (who === 'leader') return people.otherCity;
    if (who === 'lateJoiner') return people.expert;
    if (who === 'anonymous') return null;
    // The applicant and leaver rows are the post table's (sharingTable.test.ts).
    if (who === 'applicant' || who === 'leaver') throw new Error(`no ${who} row in this table`);
    return people[who];
  };
  const actorFor = async (who: Who): Promise<Actor> => {
    const p = personFor(who);
    return p ? actorFromApiToken(p.auth.Authorization.slice('Bearer '.length)) : { kind: 'anonymous' };
  };

  before(async () => {
    await resetDatabase();
    ({ people } = await seedSharing());
    app = testApp();
    const workshop = await SpaceModel.findOne({ slug: 'workshop' }).lean();
    roomId = String(workshop?._id);
    author = await actorFor('practitioner');
    for (const label of LABELS) {
      const sent = await sendMessage(author, {
        roomId,
        clientId: `table-${label.replace('+', '-')}`,
        body: label,
        label,
      });
      items[label] = String(sent.message._id);
    }
    await addMembers('workshop', people.expert);
  });

  it('matches the table exactly, for every person, label and channel', async () => {
    const got: Row[] = [];
    for (const [who, label] of EXPECTED) {
      const person = personFor(who);
      const auth = person ? person.auth : {};
      const actor = await actorFor(who);
      const history = await request(app).get(`/api/v1/rooms/${roomId}/messages?limit=100`).set(auth);
      const inHistory =
        history.status === 200 && (history.body.items as { id: string }[]).some((m) => m.id === items[label]);
      const missed = await joinRoom(actor, { roomId, lastSeenId: start }).catch(() => null);
      const inMissed = missed?.missed.some((m) => m.id === items[label]) ?? false;
      const granted = await authorizeRoom(actor, roomId).catch(() => null);
      const message = await loadContent(items[label], 'Message');
      assert.ok(message);
      const targets = messageTargets(message);
      const live =
        granted !== null &&
        person !== null &&
        (targets.includes(roomChannel(roomId)) || targets.includes(memberChannel(roomId, person.id)));
      const sent = await request(app)
        .post(`/api/v1/rooms/${roomId}/messages`)
        .set(auth)
        .send({ clientId: `send-${who}-${label.replace('+', '-')}`, body: 'hello', label });
      const relabelled: (boolean | null)[] = [];
      for (const step of [1, -1]) {
        const to = LABELS[LABELS.indexOf(label) + step];
        if (!to) {
          relabelled.push(null);
          continue;
        }
        // A fresh copy of the stored message of that label (sending ~100 would meet the flood control).
        const base = await loadContent(items[label], 'Message');
        const fresh = await MessageModel.create({
          ...base,
          _id: new Types.ObjectId(),
          clientId: crypto.randomUUID(),
          moderation: [],
        });
        const res = await request(app)
          .post(`/api/v1/messages/${String(fresh._id)}/relabel`)
          .set(auth)
          .send({ label: to, justification: 'table test' });
        relabelled.push(res.status === 200);
      }
      got.push([who, label, inHistory, inMissed, live, sent.status === 200, ...relabelled] as Row);
    }
    for (let i = 0; i < EXPECTED.length; i += 1)
      assert.deepEqual(got[i], EXPECTED[i], `row ${i}: ${JSON.stringify(EXPECTED[i]?.slice(0, 2))}`);
  });
});
