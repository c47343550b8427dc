/**
 * The abilities sent with each post agree with what the server then allows: for every person and a
 * fresh item of each label, `update`, `flag`, `quarantine` and `raise` answer exactly as the matching
 * request does (Outline's policies: the client shows controls from these alone).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import type { Label } from '../../../shared/policy/labels.js';
import {
  KEPT_ABILITIES,
  KEPT_ABILITY_IDLE_MS,
  forgetIdleAbilities,
  sharingAbilityOf,
} from '../../../server/policy/authorizer.js';
import { bareContext } from '../../../shared/policy/sharingContext.js';
import { testApp } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import type { TestPerson } from '../../support/fixtures.js';
import { seedSharing, type SharingPeople } from '../../support/sharingFixtures.js';

describe('item abilities agree with the server’s answers', () => {
  let app: Express;
  let people: SharingPeople;

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    app = testApp();
  });

  it('for the author, members, a coordinator, a moderator and outsiders, in a hub forum and the workshop', async function () {
    this.timeout(120_000);
    const cases: [string, Label, TestPerson][] = [
      ['europe-forum', 'GREEN', people.practitioner],
      ['workshop', 'AMBER', people.practitioner],
      ['workshop', 'RED', people.focal],
    ];
    const who: TestPerson[] = [
      people.practitioner,
      people.focal,
      people.otherCity,
      people.coordinator,
      people.moderator,
      people.partner,
    ];
    const fresh = async (slug: string, label: Label, author: TestPerson) =>
      String(
        (
          await request(app)
            .post(`/api/v1/spaces/${slug}/posts`)
            .set(author.auth)
            .send({ title: 'Item', body: 'text', label })
            .expect(201)
        ).body.id,
      );
    let checked = 0;
    for (const [slug, label, author] of cases)
      for (const person of who) {
        const id = await fresh(slug, label, author);
        const shown = await request(app).get(`/api/v1/posts/${id}`).set(person.auth);
        if (shown.status !== 200 || !shown.body.abilities) continue;
        const abilities = shown.body.abilities as Record<string, boolean>;
        const flag = await request(app)
          .post(`/api/v1/posts/${id}/flags`)
          .set(person.auth)
          .send({ reason: 'spam' });
        assert.equal(flag.status < 300, abilities.flag, `flag by ${person.email} in ${slug} ${label}`);
        const edit = await request(app)
          .patch(`/api/v1/posts/${id}`)
          .set(person.auth)
          .send({ body: 'edited' });
        assert.equal(edit.status === 200, abilities.update, `update by ${person.email} in ${slug} ${label}`);
        if (label !== 'RED') {
          const raise = await request(app)
            .post(`/api/v1/posts/${id}/relabel`)
            .set(person.auth)
            .send({ label: slug === 'europe-forum' ? 'GREEN' : 'AMBER+STRICT', justification: 'test' });
          if (slug !== 'europe-forum')
            assert.equal(raise.status === 200, abilities.raise, `raise by ${person.email} in ${slug}`);
        }
        const quarantined = await request(app)
          .post(`/api/v1/posts/${id}/quarantine`)
          .set(person.auth)
          .send({ reason: 'test' });
        assert.equal(
          quarantined.status === 200,
          abilities.quarantine,
          `quarantine by ${person.email} in ${slug}`,
        );
        checked += 1;
      }
    assert.ok(checked >= 8, `only ${checked} readers checked`);
  });
});

describe('the kept abilities', () => {
  it('keeps the most recently used few hundred, building a dropped one again when asked', () => {
    const contexts = Array.from({ length: KEPT_ABILITIES + 1 }, (_, i) => ({
      ...bareContext({ kind: 'person', id: `p${i}`, name: `P${i}`, roles: ['practitioner'], cityId: null }),
    }));
    const first = sharingAbilityOf(contexts[0]!);
    const second = sharingAbilityOf(contexts[1]!);
    assert.equal(sharingAbilityOf(contexts[0]!), first, 'kept: the same ability');
    for (const ctx of contexts.slice(2)) sharingAbilityOf(ctx);
    assert.equal(sharingAbilityOf(contexts[0]!), first, 'recently used: still kept');
    const rebuilt = sharingAbilityOf(contexts[1]!);
    assert.notEqual(rebuilt, second, 'least recently used: dropped, then built again');
    assert.equal(rebuilt.can('read', 'Post'), second.can('read', 'Post'), 'and the same rules');
  });

  it('drops the abilities nobody asked for in a while, and only those', () => {
    const person = (id: string) =>
      bareContext({ kind: 'person', id, name: id, roles: ['practitioner'], cityId: null });
    const idle = person('idle');
    const active = person('active');
    const asked = Date.now();
    const idleAbility = sharingAbilityOf(idle, asked);
    const activeAbility = sharingAbilityOf(active, asked);
    forgetIdleAbilities(asked + KEPT_ABILITY_IDLE_MS - 1_000);
    assert.equal(sharingAbilityOf(idle, asked), idleAbility, 'not idle long enough: kept');
    // Only the active one is asked for again, a while later.
    assert.equal(sharingAbilityOf(active, asked + KEPT_ABILITY_IDLE_MS / 2), activeAbility);
    forgetIdleAbilities(asked + KEPT_ABILITY_IDLE_MS + 1_000);
    assert.equal(sharingAbilityOf(active), activeAbility, 'asked for since: kept');
    assert.notEqual(sharingAbilityOf(idle), idleAbility, 'idle: dropped, then built again');
  });
});
