/**
 * Every search source is searched under its own policy: room messages (no title) beside posts.
 * The oracle is the per-item decision (CASL on the loaded item), independent of the query filter.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';
import type { Actor } from '../../../../shared/policy/actor.js';
import { loadSharingContext } from '../../../../server/policy/loadSharingContext.js';
import { loadContent } from '../../../../server/policy/contentAccess.js';
import { canShare } from '../../../../server/policy/sharingAccess.js';
import { deleteMessage } from '../../../../server/services/rooms/deleteMessage.js';
import { quarantineMessage } from '../../../../server/services/rooms/quarantineMessage.js';
import { sendMessage } from '../../../../server/services/rooms/sendMessage.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { actorFromApiToken } from '../../../../server/services/tokens/apiTokens.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import type { TestPerson } from '../../../support/fixtures.js';
import { addMembers, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

interface Result {
  type: string;
  id: string;
  title: string | null;
  excerptHtml: string;
  space: { id: string; slug: string };
  topic: string | null;
}

describe('search sources: room messages beside posts', () => {
  let app: Express;
  let p: SharingPeople;
  const messages: { id: string; secret: string }[] = [];
  let postId: string;

  const actorOf = (who: TestPerson): Promise<Actor> => actorFromApiToken(who.auth.Authorization.slice(7));
  const roomId = async (slug: string) => String((await SpaceModel.findOne({ slug }).lean())!._id);
  const send = async (who: TestPerson, slug: string, label: string, n: number) => {
    const secret = `msgsecret${n}x`;
    const sent = await sendMessage(await actorOf(who), {
      roomId: await roomId(slug),
      clientId: randomUUID(),
      body: `Roomword ${secret} — les habitants mobilisés`,
      label: label as never,
    });
    messages.push({ id: String(sent.message._id), secret });
    return String(sent.message._id);
  };

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await send(p.practitioner, 'network', 'GREEN', 1);
    await send(p.practitioner, 'lyon-internal', 'AMBER', 2);
    await send(p.otherCity, 'amman-internal', 'AMBER', 3);
    await send(p.practitioner, 'workshop', 'RED', 4); // before the expert joins
    await send(p.otherCity, 'mayors', 'RED', 5);
    const quarantined = await send(p.practitioner, 'europe-forum', 'GREEN', 6);
    await quarantineMessage(await actorOf(p.coordinator), quarantined, 'personal data');
    const deleted = await send(p.practitioner, 'network', 'GREEN', 7);
    await deleteMessage(await actorOf(p.practitioner), deleted);
    await addMembers('workshop', p.expert);
    await send(p.practitioner, 'workshop', 'RED', 8); // after: the expert is in its audience
    postId = (
      await request(app)
        .post('/api/v1/spaces/network/posts')
        .set(p.practitioner.auth)
        .send({ title: 'Roomword in a post', body: 'Les habitants mobilisés' })
        .expect(201)
    ).body.id;
  });

  const search = async (who: TestPerson | null, query: string) => {
    const req = request(app).get(`/api/v1/search?${query}`);
    return (await (who ? req.set(who.auth) : req).expect(200)).body as {
      items: Result[];
      nextCursor: string | null;
    };
  };

  it('returns exactly the messages each searcher may read, and no text of the others', async () => {
    const searchers: [string, TestPerson][] = [
      ['practitioner', p.practitioner],
      ['focal', p.focal],
      ['leader (Amman)', p.otherCity],
      ['expert (later joiner)', p.expert],
      ['isc', p.isc],
      ['observer', p.observer],
      ['moderator', p.moderator],
      ['coordinator', p.coordinator],
    ];
    for (const [name, who] of searchers) {
      const ctx = await loadSharingContext(await actorOf(who));
      const expected: string[] = [];
      for (const m of messages) {
        const doc = await loadContent(m.id, 'Message');
        if (doc && canShare(ctx, 'read', 'Message', doc as unknown as Record<string, unknown>))
          expected.push(m.id);
      }
      const page = await search(who, 'q=roomword&types=message&limit=50');
      assert.deepEqual(page.items.map((r) => r.id).sort(), expected.sort(), name);
      const text = JSON.stringify(page);
      for (const m of messages.filter((m) => !expected.includes(m.id))) {
        assert.ok(!text.includes(m.id) && !text.includes(m.secret), `${name} sees nothing of ${m.secret}`);
      }
    }
    // The oracle is not vacuous: the later joiner reads the second RED message, not the first.
    const expert = (await search(p.expert, 'q=roomword&types=message&limit=50')).items.map((r) => r.id);
    assert.ok(expert.includes(messages[7]!.id) && !expert.includes(messages[3]!.id));
    assert.deepEqual((await search(null, 'q=roomword')).items, []);
  });

  it('shows messages without a title, with an excerpt and their room; filters by type', async () => {
    const both = await search(p.focal, 'q=mobiliser');
    const types = both.items.map((r) => r.type);
    assert.ok(types.includes('message') && types.includes('post'));
    const message = both.items.find((r) => r.type === 'message')!;
    assert.equal(message.title, null);
    assert.match(message.excerptHtml, /<mark>mobilisés<\/mark>/);
    assert.equal(message.space.id, await roomId(message.space.slug));
    assert.equal(message.topic, null, 'a message opens its room, not a forum topic');
    const postsOnly = await search(p.focal, 'q=mobiliser&types=post');
    assert.deepEqual(
      postsOnly.items.map((r) => r.id),
      [postId],
    );
    const messagesOnly = await search(p.focal, 'q=mobiliser&types=message');
    assert.ok(messagesOnly.items.every((r) => r.type === 'message') && messagesOnly.items.length > 0);
    // The title match ranks the post first among equal matches.
    assert.equal((await search(p.focal, 'q=roomword')).items[0]!.id, postId);
  });
});
