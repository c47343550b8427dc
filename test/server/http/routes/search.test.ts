/** GET /api/v1/search with hostile input: always a clear 400 or an empty page, never a crash. */
import assert from 'node:assert/strict';
import request from 'supertest';
import type { Express } from 'express';
import { resetDatabase } from '../../../support/database.js';
import { testApp } from '../../../support/app.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

describe('/api/v1/search', () => {
  let app: Express;
  let p: SharingPeople;
  before(async () => {
    await resetDatabase();
    p = (await seedSharing()).people;
    app = testApp();
    await request(app)
      .post('/api/v1/spaces/network/posts')
      .set(p.practitioner.auth)
      .send({ title: 'Where the city meets', body: 'A $where {"$ne": 1} .* (regex) note' })
      .expect(201);
  });

  const get = (query: string) => request(app).get(`/api/v1/search${query}`).set(p.focal.auth);

  it('refuses queries without a usable word, too long, too many words or malformed, with a clear 400', async () => {
    const cases: [string, RegExp][] = [
      ['', /q/],
      ['?q=', /q/],
      ['?q=%20%20%20', /q/],
      ['?q=!!!%20...%20???', /no word to search for/],
      ['?q=a', /no word to search for/],
      [`?q=${'x'.repeat(201)}`, /q/],
      [`?q=${encodeURIComponent('word '.repeat(45).trim())}`, /q/],
      [`?q=${Array.from({ length: 13 }, (_, i) => `w${i}x`).join('%20')}`, /too many words/],
      ['?q=city%E2%80%AE', /q/], // a bidi override
      ['?q=city&language=de', /language/],
      ['?q=city&types=post,secret', /types/],
      ['?q=city&limit=1000', /limit/],
      ['?q=city&cursor=not-a-cursor', /cursor/],
      [`?q=city&cursor=${Buffer.from('[99,0,0,0,"post","x"]').toString('base64url')}`, /cursor/],
      ['?q=city&unknown=1', /unknown|Unrecognized/i],
      ['?q=city&q=town', /q/],
    ];
    for (const [query, pattern] of cases) {
      const res = await get(query);
      assert.equal(res.status, 400, `${query}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.match(res.headers['content-type'] ?? '', /problem\+json/);
      assert.match(JSON.stringify(res.body), pattern, query);
    }
  });

  it('treats operators, regex metacharacters and invisible characters as plain text', async () => {
    for (const q of ['$where', '{"$ne":1}', '.*', '^(a+)+$', '[a-z]', '\\', 'city\u200b', 'ci\u200dty']) {
      const res = await get(`?q=${encodeURIComponent(q)}`);
      assert.ok(res.status === 200 || res.status === 400, `${q}: ${res.status}`);
      if (res.status === 200) assert.ok(Array.isArray(res.body.items));
    }
    // "$city" searches the word "city"; ".*" is no word at all, it is not a pattern.
    assert.equal((await get('?q=%24city').expect(200)).body.items.length, 1);
    assert.equal(
      (await get(`?q=${encodeURIComponent('{"$regex": "city"}')}`).expect(200)).body.items.length,
      1,
    );
    assert.equal((await get('?q=.*').expect(400)).body.status, 400);
    // Operator-shaped parameters never reach the database.
    assert.equal((await get('?q[$ne]=x').expect(400)).status, 400);
    assert.equal((await get('?q[]=city').expect(400)).status, 400);
  });

  it('answers signed-out visitors from published CLEAR material only, with the same shape', async () => {
    const res = await request(app).get('/api/v1/search?q=city').expect(200);
    assert.deepEqual(res.body, { items: [], nextCursor: null });
  });

  it('is in the OpenAPI document', async () => {
    const doc = await request(app).get('/api/openapi.json').expect(200);
    assert.ok(doc.body.paths['/api/v1/search']?.get);
  });
});
