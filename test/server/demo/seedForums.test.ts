import assert from 'node:assert/strict';
import { seedDemoData } from '../../../server/demo/seedDemoData.js';
import { PersonModel } from '../../../server/models/Person.js';
import { listTopics } from '../../../server/services/forums/listTopics.js';
import { personActor } from '../../../server/policy/personActor.js';
import { resetDatabase } from '../../support/database.js';

describe('the demo forums', () => {
  it('load with the demo data: categories, a pinned welcome, topics with replies', async () => {
    await resetDatabase();
    assert.equal(await seedDemoData(), true);
    const person = await PersonModel.findOne({ email: 'practitioner@sousse.demo.concordia.example' }).lean();
    const actor = personActor(person!);
    const news = await listTopics(actor, 'network-forum', 'announcements', { limit: 10 });
    assert.equal(news.items[0]?.pinned, true);
    const practice = await listTopics(actor, 'network-forum', 'practice', { limit: 10 });
    assert.deepEqual(
      practice.items.map((t) => [t.title, t.replies]),
      [['Youth outreach in public libraries', 3]],
    );
    const hub = await listTopics(actor, 'mena-forum', 'general', { limit: 10 });
    assert.equal(hub.items.length, 1);
    await assert.rejects(listTopics(actor, 'east-southern-africa-forum', 'general', { limit: 10 }), {
      code: 'not_found',
    });
  });
});
