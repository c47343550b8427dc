import assert from 'node:assert/strict';
import type { PersonActor } from '../../../../shared/policy/actor.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { loadContent } from '../../../../server/policy/contentAccess.js';
import type { ContentEvent } from '../../../../server/events/contentEvents.js';
import { subscribe } from '../../../../server/events/domainEvents.js';
import { createCategory } from '../../../../server/services/forums/createCategory.js';
import { createReply, touchTopic } from '../../../../server/services/forums/createReply.js';
import { createTopic } from '../../../../server/services/forums/createTopic.js';
import { markTopicRead } from '../../../../server/services/forums/markTopicRead.js';
import { updatePost } from '../../../../server/services/posts/updatePost.js';
import { personActor } from '../../../../server/policy/personActor.js';
import { addSpaceMember } from '../../../../server/services/spaces/addSpaceMember.js';
import { removeSpaceMember } from '../../../../server/services/spaces/removeSpaceMember.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('forum replies (services, real database)', () => {
  let p: SharingPeople;
  const actor = async (who: { id: string }): Promise<PersonActor> =>
    personActor((await PersonModel.findById(who.id).lean())!);

  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    await space('europe-red', 'hub', 'RED', 'GREEN', { hub: 'europe' });
    await createCategory(OPERATOR, 'europe-red', {
      slug: 'general',
      name: 'General',
      description: '',
      position: 0,
    });
  });

  it('emits created events for topics and replies, so open sockets receive them', async () => {
    const seen: ContentEvent[] = [];
    const listener = (event: ContentEvent) => seen.push(event);
    const unsubscribe = subscribe('content', 'test recorder', listener);
    try {
      const topic = await createTopic(await actor(p.practitioner), 'europe-red', 'general', {
        title: 'Live',
        body: 'now',
      });
      const reply = await createReply(await actor(p.focal), topic.id, { body: 'here' });
      assert.deepEqual(
        seen.map((e) => [e.type, String(e.after._id), e.after.topicId ? String(e.after.topicId) : null]),
        [
          ['created', topic.id, null],
          ['created', reply.id, topic.id],
        ],
      );
    } finally {
      unsubscribe();
    }
  });

  it('gives a RED reply to a RED topic only the topic audience still in the space', async () => {
    await addSpaceMember(OPERATOR, 'europe-red', { person: p.expert.id, role: 'member' });
    const topic = await createTopic(await actor(p.practitioner), 'europe-red', 'general', {
      title: 'Named',
      body: 'only us',
      label: 'RED',
    });
    await removeSpaceMember(OPERATOR, 'europe-red', p.expert.id);
    await addSpaceMember(OPERATOR, 'europe-red', { person: p.observer.id, role: 'member' });
    const reply = await createReply(await actor(p.focal), topic.id, { body: 'agreed' });
    assert.equal(reply.label, 'RED', 'a reply takes its topic label by default');
    const stored = (await loadContent(reply.id))!;
    const audience = stored.audienceIds.map(String);
    assert.ok(audience.includes(p.focal.id) && audience.includes(p.practitioner.id));
    assert.ok(!audience.includes(p.expert.id), 'left the space');
    assert.ok(!audience.includes(p.observer.id), 'joined after the topic: not its reader, not the reply’s');
  });

  it('moves a topic’s activity forward only', async () => {
    const topic = await createTopic(await actor(p.practitioner), 'europe-red', 'general', {
      title: 'T',
      body: 'b',
    });
    const later = new Date(Date.parse(topic.lastActivityAt) + 60_000);
    await touchTopic(topic.id as never, later);
    await touchTopic(topic.id as never, new Date(Date.parse(topic.lastActivityAt) - 60_000));
    assert.equal((await loadContent(topic.id))!.lastActivityAt?.toISOString(), later.toISOString());
  });

  it('never moves a read marker back', async () => {
    const reader = await actor(p.focal);
    const topic = await createTopic(await actor(p.practitioner), 'europe-red', 'general', {
      title: 'M',
      body: 'b',
    });
    const first = await createReply(await actor(p.practitioner), topic.id, { body: 'one' });
    const second = await createReply(await actor(p.practitioner), topic.id, { body: 'two' });
    assert.equal((await markTopicRead(reader, topic.id, second.id)).lastReadId, second.id);
    const back = await markTopicRead(reader, topic.id, first.id);
    assert.equal(back.lastReadId, second.id);
    assert.equal(back.unread, 0);
  });

  it('keeps a revision and the HTML when a forum item is edited through PATCH /posts', async () => {
    const author = await actor(p.practitioner);
    const topic = await createTopic(author, 'europe-red', 'general', { title: 'Old', body: 'old *text*' });
    const edited = await updatePost(author, topic.id, { body: 'new **text**' });
    assert.equal(edited.body, 'new **text**');
    const stored = (await loadContent(topic.id))!;
    assert.match(stored.html ?? '', /<strong>text<\/strong>/);
    assert.deepEqual(
      stored.revisions.map((r) => [r.title, r.body]),
      [['Old', 'old *text*']],
    );
  });
});
