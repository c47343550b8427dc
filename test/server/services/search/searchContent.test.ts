/**
 * Search against the real database: the leak test (results are exactly the readable subset of the
 * matches, for searchers of every kind, and nothing of an unreadable item appears anywhere in a
 * response), inflected and root matches, and ranking of a mixed-language corpus.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { createCategory } from '../../../../server/services/forums/createCategory.js';
import { OPERATOR } from '../../../support/fixtures.js';
import type { TestPerson } from '../../../support/fixtures.js';
import { addMembers, seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

interface Item {
  id: string;
  title: string;
  secret: string;
}

interface Result {
  type: string;
  id: string;
  title: string | null;
  titleHtml: string | null;
  excerptHtml: string;
  label: string;
}

describe('search across content, filtered by the policy in the query', () => {
  let app: Express;
  let p: SharingPeople;
  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
  });

  const post = async (
    who: TestPerson,
    space: string,
    label: string,
    title: string,
    body: string,
    language?: string,
  ) =>
    (
      await request(app)
        .post(`/api/v1/spaces/${space}/posts`)
        .set(who.auth)
        .send({ title, body, label, ...(language ? { language } : {}) })
        .expect(201)
    ).body as { id: string };

  const search = async (who: TestPerson | null, query: string) => {
    const req = request(app).get(`/api/v1/search?${query}`);
    const res = await (who ? req.set(who.auth) : req).expect(200);
    assert.deepEqual(Object.keys(res.body).sort(), ['items', 'nextCursor'], 'no totals or facets');
    return res;
  };

  const ids = (res: { body: { items: Result[] } }) => res.body.items.map((r) => r.id);

  describe('never returns, counts or snippets what the searcher may not read', () => {
    const items: Item[] = [];
    let quarantined: Item;
    let deleted: Item;

    before(async () => {
      const make = async (who: TestPerson, space: string, label: string, n: number) => {
        const item = { title: `Leakword item ${n}`, secret: `secretmark${n}x` };
        const created = await post(who, space, label, item.title, `Leakword ${item.secret} body`);
        items.push({ ...item, id: created.id });
        return items.at(-1)!;
      };
      await make(p.practitioner, 'europe-forum', 'GREEN', 1);
      await make(p.practitioner, 'lyon-internal', 'AMBER', 2);
      await make(p.practitioner, 'lyon-internal', 'AMBER+STRICT', 3);
      await make(p.otherCity, 'amman-internal', 'AMBER', 4); // AMBER of another city
      await make(p.practitioner, 'workshop', 'RED', 5); // before the expert joins
      await make(p.otherCity, 'mayors', 'RED', 6); // leaders-only, Chatham House
      await make(p.isc, 'isc', 'AMBER', 7);
      await make(p.partner, 'lyon-partners', 'AMBER', 8);
      const clear = await make(p.practitioner, 'network', 'CLEAR', 9);
      await request(app).post(`/api/v1/posts/${clear.id}/publish`).set(p.practitioner.auth).expect(200);
      await make(p.practitioner, 'network', 'GREEN', 10);
      quarantined = await make(p.practitioner, 'europe-forum', 'GREEN', 11);
      await request(app)
        .post(`/api/v1/posts/${quarantined.id}/quarantine`)
        .set(p.coordinator.auth)
        .send({ reason: 'personal data' })
        .expect(200);
      deleted = await make(p.practitioner, 'network', 'GREEN', 12);
      await request(app).delete(`/api/v1/posts/${deleted.id}`).set(p.practitioner.auth).expect(200);
      // The expert joins the workshop after the RED item was shared: a later joiner.
      await addMembers('workshop', p.expert);
      await make(p.practitioner, 'workshop', 'RED', 13); // after: the expert is in its audience
    });

    /** The per-item oracle: the item's own read endpoint shows its title. */
    const readable = async (who: TestPerson | null, item: Item) => {
      const req = request(app).get(`/api/v1/posts/${item.id}`);
      const res = await (who ? req.set(who.auth) : req);
      return res.status === 200 && res.body.title === item.title;
    };

    /** Every page of a search, following cursors. */
    const allPages = async (who: TestPerson | null, query: string) => {
      const results: Result[] = [];
      const bodies: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await search(who, `${query}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        results.push(...(res.body.items as Result[]));
        bodies.push(JSON.stringify(res.body));
        cursor = res.body.nextCursor;
      } while (cursor);
      return { results, text: bodies.join('\n') };
    };

    const searchers = (): [string, TestPerson | null][] => [
      ['anonymous', null],
      ['practitioner (Lyon, author)', p.practitioner],
      ['focal point (Lyon)', p.focal],
      ['leader (Amman)', p.otherCity],
      ['expert (later joiner of the workshop)', p.expert],
      ['ISC member (Amman)', p.isc],
      ['community partner (Lyon)', p.partner],
      ['partner observer', p.observer],
      ['global moderator', p.moderator],
      ['hub coordinator', p.coordinator],
      ['admin', p.admin],
    ];

    /** Per searcher, the ids the per-item read endpoint shows (computed once). */
    const oracle = new Map<string, string[]>();
    const expectedFor = async (name: string, who: TestPerson | null) => {
      if (!oracle.has(name)) {
        const ids: string[] = [];
        for (const item of items) if (await readable(who, item)) ids.push(item.id);
        oracle.set(name, ids);
      }
      return oracle.get(name)!;
    };

    it('results equal the readable subset of the matches, for every kind of searcher', async () => {
      for (const [name, who] of searchers()) {
        const expected = await expectedFor(name, who);
        const { results, text } = await allPages(who, 'q=leakword');
        const got = results.map((r) => r.id);
        assert.equal(new Set(got).size, got.length, `${name}: no duplicates across pages`);
        assert.deepEqual([...got].sort(), [...expected].sort(), name);
        // Nothing of an unreadable item anywhere in the responses: no id, no title, no body text.
        for (const item of items.filter((i) => !expected.includes(i.id))) {
          assert.ok(!text.includes(item.id), `${name}: id of unreadable ${item.title}`);
          assert.ok(!text.includes(item.secret), `${name}: text of unreadable ${item.title}`);
        }
        // Each snippet comes from its own item only.
        for (const r of results) {
          const own = items.find((i) => i.id === r.id)!;
          for (const other of items.filter((i) => i !== own))
            assert.ok(!r.excerptHtml.includes(other.secret));
        }
        // The legacy posts search gives the same set.
        const legacy = await request(app)
          .get('/api/v1/search/posts?q=leakword&limit=100')
          .set(who ? who.auth : {})
          .expect(200);
        assert.deepEqual(
          legacy.body.items.map((i: { id: string }) => i.id).sort(),
          [...expected].sort(),
          name,
        );
      }
    });

    it('a search for an unreadable item’s own words answers exactly like a search for nothing', async () => {
      const none = await search(p.expert, 'q=nosuchwordanywhere');
      for (const [name, who] of searchers()) {
        const expected = await expectedFor(name, who);
        for (const item of items) {
          const res = await search(who, `q=${item.secret}`);
          if (expected.includes(item.id))
            assert.deepEqual(ids(res), [item.id], `${name} finds ${item.title}`);
          else assert.deepEqual(res.body, none.body, `${name} learns nothing of ${item.title}`);
        }
      }
    });

    it('spot checks: later joiner, other city, quarantine and deletion', async () => {
      const found = async (who: TestPerson) => (await allPages(who, 'q=leakword')).results.map((r) => r.id);
      assert.deepEqual(
        await expectedFor('anonymous', null),
        [items[8]!.id],
        'visitors: published CLEAR only',
      );
      assert.deepEqual(
        (await allPages(null, 'q=leakword')).results.map((r) => r.id),
        [items[8]!.id],
      );
      const expert = await found(p.expert);
      assert.ok(!expert.includes(items[4]!.id), 'RED shared before the expert joined');
      assert.ok(expert.includes(items[12]!.id), 'RED shared after the expert joined');
      assert.ok(!(await found(p.practitioner)).includes(items[3]!.id), 'AMBER of Amman for a Lyon member');
      assert.ok((await found(p.otherCity)).includes(items[3]!.id), 'AMBER of Amman for its leader');
      for (const who of [p.practitioner, p.focal, p.coordinator]) {
        const got = await found(who);
        assert.ok(!got.includes(quarantined.id) && !got.includes(deleted.id));
      }
    });
  });

  describe('language-aware matching and ranking', () => {
    let fr: { id: string };
    let en: { id: string };
    let es: { id: string };
    let arLibraries: { id: string };
    let arExtremism: { id: string };
    let arExtremists: { id: string };

    before(async () => {
      fr = await post(
        p.practitioner,
        'network',
        'GREEN',
        'Les discriminations au logement',
        'Les habitants mobilisés du quartier demandent un logement digne.',
      );
      en = await post(
        p.practitioner,
        'network',
        'GREEN',
        'Housing discrimination report',
        'Tenants organised.',
      );
      es = await post(
        p.practitioner,
        'network',
        'GREEN',
        'Discriminación en la vivienda',
        'Los vecinos movilizados de la ciudad.',
      );
      arLibraries = await post(
        p.practitioner,
        'network',
        'GREEN',
        'افتتاح المكتبات',
        'مكتبة في كل حي للشباب',
      );
      arExtremism = await post(p.practitioner, 'network', 'GREEN', 'الوقاية من التطرف', 'برنامج المدينة');
      arExtremists = await post(p.practitioner, 'network', 'GREEN', 'برنامج', 'إعادة تأهيل الشباب المتطرفين');
    });

    it('finds the French post by inflected words and the Arabic posts by root form', async () => {
      for (const q of ['discriminatoire', 'discrimination', 'mobiliser'])
        assert.ok(ids(await search(p.focal, `q=${encodeURIComponent(q)}`)).includes(fr.id), q);
      assert.deepEqual(ids(await search(p.focal, `q=${encodeURIComponent('كتب')}`)), [arLibraries.id]);
      assert.deepEqual(
        ids(await search(p.focal, `q=${encodeURIComponent('تطرف')}`)).sort(),
        [arExtremism.id, arExtremists.id].sort(),
      );
    });

    it('matches without accents and in any case', async () => {
      assert.ok(ids(await search(p.focal, 'q=DISCRIMINACION')).includes(es.id));
      assert.ok(ids(await search(p.focal, 'q=mobilises')).includes(fr.id));
    });

    it('ranks by distinct terms matched, title above body, then newest', async () => {
      // "logement discrimination": the French post matches both words; the English and Spanish ones one.
      const both = ids(await search(p.focal, 'q=logement%20discrimination'));
      assert.equal(both[0], fr.id);
      assert.deepEqual(both.slice(1, 3).sort(), [en.id, es.id].sort());
      // "housing tenants": the English post matches both; nothing else.
      assert.deepEqual(ids(await search(p.focal, 'q=housing%20tenants')), [en.id]);
      // One term each: a title match ranks above a newer body-only match.
      const older = await post(p.practitioner, 'network', 'GREEN', 'Rankword in the title', 'plain body');
      const newer = await post(p.practitioner, 'network', 'GREEN', 'Plain title', 'rankword in the body');
      assert.deepEqual(ids(await search(p.focal, 'q=rankword')), [older.id, newer.id]);
      // Same match: newest first.
      const newest = await post(p.practitioner, 'network', 'GREEN', 'Rankword again', 'plain body');
      assert.deepEqual(ids(await search(p.focal, 'q=rankword')), [newest.id, older.id, newer.id]);
    });

    it('marks matches in escaped snippets of the item itself', async () => {
      const html = await post(
        p.practitioner,
        'network',
        'GREEN',
        '<b>Markword</b> & co',
        'a <script>markword</script>',
      );
      const res = await search(p.focal, 'q=markword');
      const hit = (res.body.items as Result[]).find((r) => r.id === html.id)!;
      assert.equal(hit.title, '<b>Markword</b> & co');
      assert.equal(hit.titleHtml, '&lt;b&gt;<mark>Markword</mark>&lt;/b&gt; &amp; co');
      assert.equal(hit.excerptHtml, 'a &lt;script&gt;<mark>markword</mark>&lt;/script&gt;');
      assert.equal(hit.type, 'post');
      assert.equal(hit.label, 'GREEN');
    });

    it('names the forum topic a result opens: a reply its topic, a topic itself, a plain post none', async () => {
      await createCategory(OPERATOR, 'network', {
        slug: 'linkwords',
        name: 'Links',
        description: '',
        position: 0,
      });
      const topic = (
        await request(app)
          .post('/api/v1/spaces/network/forum/categories/linkwords/topics')
          .set(p.practitioner.auth)
          .send({ title: 'Topiclink opening', body: 'first', label: 'GREEN' })
          .expect(201)
      ).body as { id: string };
      const reply = (
        await request(app)
          .post(`/api/v1/forum/topics/${topic.id}/replies`)
          .set(p.focal.auth)
          .send({ body: 'a topiclink answer', label: 'GREEN' })
          .expect(201)
      ).body as { id: string };
      const plain = await post(p.practitioner, 'network', 'GREEN', 'Topiclink plain', 'no forum');
      const res = await search(p.focal, 'q=topiclink');
      const topicOf = new Map(
        (res.body.items as (Result & { topic: string | null })[]).map((r) => [r.id, r.topic]),
      );
      assert.deepEqual(
        [topicOf.get(reply.id), topicOf.get(topic.id), topicOf.get(plain.id)],
        [topic.id, topic.id, null],
      );
    });

    it('honours an explicit language for queries and items', async () => {
      const item = await post(p.practitioner, 'network', 'GREEN', 'Organising', 'the tenants', 'en');
      const stored = await search(p.focal, 'q=organising&language=en');
      assert.ok(ids(stored).includes(item.id));
      assert.equal(
        (stored.body.items as { language: string }[]).find((r) => ids(stored)[0] && r)?.language,
        'en',
      );
    });
  });
});
