/**
 * The demo's Expert Pool: the three demo experts have verified profiles with varied topics, languages
 * and regions, so the directory is not empty; the profile a matching test relies on (Claire Dubois:
 * French and Spanish, youth engagement, East and Southern Africa) is there as documented.
 */
import assert from 'node:assert/strict';
import { demoActor } from '../../../../server/demo/demoActors.js';
import { seedDemoData } from '../../../../server/demo/seedDemoData.js';
import { listExperts } from '../../../../server/services/experts/listExperts.js';
import { resetDatabase } from '../../../support/database.js';

describe('the demo experts', function () {
  this.timeout(180_000);
  before(async () => {
    await resetDatabase();
    assert.equal(await seedDemoData(), true);
  });

  it('lists three verified experts to a member, and finds Claire by French, Spanish, youth and the region', async () => {
    const member = await demoActor('practitioner@catalonia.demo.concordia.example');
    const all = await listExperts(member, { limit: 25 });
    assert.deepEqual(all.items.map((e) => [e.person.name, e.verified]).sort(), [
      ['Claire Dubois', true],
      ['Karim Benali', true],
      ['Priya Raman', true],
    ]);
    for (const language of ['fr', 'es']) {
      const found = await listExperts(member, {
        limit: 25,
        topic: 'youth-engagement',
        language,
        region: 'east-southern-africa',
      });
      assert.deepEqual(
        found.items.map((e) => e.person.name),
        ['Claire Dubois'],
      );
    }
    assert.ok(all.items.every((e) => e.conflicts === null && e.clearance === null));
  });

  it('shows the Management Unit each clearance and conflicts', async () => {
    const admin = await demoActor('admin@demo.concordia.example');
    const all = await listExperts(admin, { limit: 25 });
    const byName = new Map(all.items.map((e) => [e.person.name, e]));
    assert.equal(byName.get('Claire Dubois')?.clearance, 'AMBER');
    assert.deepEqual(byName.get('Claire Dubois')?.conflicts?.cities, ['lyon']);
    assert.equal(byName.get('Karim Benali')?.clearance, 'AMBER+STRICT');
    assert.equal(byName.get('Priya Raman')?.clearance, 'GREEN');
  });
});
