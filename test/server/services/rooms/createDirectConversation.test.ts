import assert from 'node:assert/strict';
import request from 'supertest';
import { SpaceMembershipModel } from '../../../../server/models/SpaceMembership.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { actorFromApiToken } from '../../../../server/services/tokens/apiTokens.js';
import {
  createDirectConversation,
  directSlug,
} from '../../../../server/services/rooms/createDirectConversation.js';
import { sendMessage } from '../../../../server/services/rooms/sendMessage.js';
import { readHistory } from '../../../../server/services/rooms/readHistory.js';
import { addSpaceMember } from '../../../../server/services/spaces/addSpaceMember.js';
import { testApp } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../../support/fixtures.js';

describe('direct conversations', function () {
  this.timeout(30_000);
  let dir: Directory;
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
  });
  const actor = async (p: { auth: { Authorization: string } }) =>
    actorFromApiToken(p.auth.Authorization.slice('Bearer '.length));

  it('gives the same room for the same pair, whoever asks and however often, also concurrently', async () => {
    const pierre = await actor(dir.people.practitioner);
    const omar = await actor(dir.people.otherCity);
    const answers = await Promise.all([
      createDirectConversation(pierre, dir.people.otherCity.id),
      createDirectConversation(omar, dir.people.practitioner.id),
      createDirectConversation(pierre, dir.people.otherCity.id),
    ]);
    assert.equal(new Set(answers.map((a) => a.id)).size, 1);
    const room = answers[0];
    assert.ok(room);
    assert.equal(room.kind, 'direct');
    assert.equal(room.ceiling, 'RED');
    assert.equal(room.defaultLabel, 'AMBER');
    assert.equal(room.slug, directSlug(dir.people.otherCity.id, dir.people.practitioner.id));
    assert.equal(await SpaceModel.countDocuments({ kind: 'direct' }), 1);
    const members = await SpaceMembershipModel.find({ spaceId: room.id, leftAt: null }).lean();
    assert.deepEqual(
      members.map((m) => String(m.personId)).sort(),
      [dir.people.practitioner.id, dir.people.otherCity.id].sort(),
    );
    assert.ok(members.every((m) => m.role === 'member'));
  });

  it('is private to the pair: a third person cannot read, send or be added', async () => {
    const pierre = await actor(dir.people.practitioner);
    const fatou = await actor(dir.people.focal);
    const room = await createDirectConversation(pierre, dir.people.otherCity.id);
    const sent = await sendMessage(pierre, {
      roomId: room.id,
      clientId: 'dm-message-1',
      body: 'Just us',
      label: 'RED',
    });
    assert.equal(sent.message.audienceIds.length, 2);
    await assert.rejects(readHistory(fatou, { roomId: room.id }), { code: 'not_found' });
    await assert.rejects(sendMessage(fatou, { roomId: room.id, clientId: 'dm-intruder-1', body: 'Hi' }), {
      code: 'not_found',
    });
    await assert.rejects(
      addSpaceMember(OPERATOR, room.slug, { person: dir.people.focal.id, role: 'member' }),
      /exactly two people/,
    );
  });

  it('over REST: refuses oneself, unknown and suspended people, and direct spaces made as spaces', async () => {
    const app = testApp();
    const me = dir.people.practitioner;
    for (const person of [me.id, '0123456789abcdef01234567', dir.people.suspended.id])
      await request(app).post('/api/v1/rooms/direct').set(me.auth).send({ person }).expect(400);
    await request(app).post('/api/v1/rooms/direct').set(me.auth).send({ person: 'nope' }).expect(400);
    await request(app)
      .post('/api/v1/rooms/direct')
      .set(me.auth)
      .send({ person: dir.people.expert.id, extra: 1 })
      .expect(400);
    await request(app).post('/api/v1/rooms/direct').send({ person: dir.people.expert.id }).expect(401);
    const made = await request(app)
      .post('/api/v1/rooms/direct')
      .set(me.auth)
      .send({ person: dir.people.expert.id })
      .expect(200);
    assert.equal(made.body.kind, 'direct');
    const mine = await request(app).get('/api/v1/rooms?limit=100').set(me.auth).expect(200);
    assert.ok(mine.body.items.some((r: { id: string }) => r.id === made.body.id));
    const theirs = await request(app).get('/api/v1/rooms?limit=100').set(dir.people.focal.auth).expect(200);
    assert.ok(!theirs.body.items.some((r: { id: string }) => r.id === made.body.id));
    await request(app)
      .post('/api/v1/spaces')
      .set(dir.people.admin.auth)
      .send({ slug: 'fake-dm', name: 'Fake', kind: 'direct', ceiling: 'RED', defaultLabel: 'RED' })
      .expect(400);
  });
});
