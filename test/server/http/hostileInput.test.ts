import assert from 'node:assert/strict';
import request from 'supertest';
import mongoose from 'mongoose';
import { seededApp } from '../../support/fixtures.js';
import { testApp } from '../../support/app.js';

const validApplication = {
  city: { name: 'Sfax', kind: 'municipality', country: 'TN' },
  contact: { name: 'Leila', email: 'leila@sfax.example', position: 'Deputy mayor' },
  pledge: { version: '2026-1', accepted: true },
};

/** Counts every document in every collection, to prove a refused request stored nothing. */
async function snapshot(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, model] of Object.entries(mongoose.models)) {
    if (name === 'AuditEntry') continue; // refusals of authorisation are audited on purpose
    counts[name] = await model.countDocuments({});
  }
  return counts;
}

interface HostileCase {
  name: string;
  method: 'post' | 'patch' | 'put' | 'get';
  path: string;
  body?: unknown;
  raw?: { type: string; payload: string };
  auth?: boolean;
  status: number;
}

describe('hostile input', () => {
  const t = seededApp({ BODY_LIMIT: '16kb' });

  const cases: HostileCase[] = [
    {
      name: 'unknown top-level field',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, admin: true },
      status: 400,
    },
    {
      name: 'unknown nested field',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, city: { ...validApplication.city, status: 'member' } },
      status: 400,
    },
    {
      name: '$-prefixed key at the top',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, $where: 'sleep(1000)' },
      status: 400,
    },
    {
      name: '$-operator as a value',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, contact: { ...validApplication.contact, email: { $ne: null } } },
      status: 400,
    },
    {
      name: 'dotted key',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, 'city.status': 'member' },
      status: 400,
    },
    {
      name: '__proto__ key',
      method: 'post',
      path: '/api/v1/applications',
      raw: {
        type: 'application/json',
        payload: `{"__proto__":{"isAdmin":true},${JSON.stringify(validApplication).slice(1)}`,
      },
      status: 400,
    },
    {
      name: 'oversize body',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, message: 'x'.repeat(20_000) },
      status: 413,
    },
    {
      name: 'over-long field',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, message: 'x'.repeat(2001) },
      status: 400,
    },
    {
      name: 'control characters in a name',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, contact: { ...validApplication.contact, name: 'Lei\u0000la' } },
      status: 400,
    },
    {
      name: 'wrong type',
      method: 'post',
      path: '/api/v1/applications',
      body: { ...validApplication, city: { ...validApplication.city, name: 42 } },
      status: 400,
    },
    {
      name: 'array instead of object',
      method: 'post',
      path: '/api/v1/applications',
      body: [validApplication],
      status: 400,
    },
    {
      name: 'malformed JSON',
      method: 'post',
      path: '/api/v1/applications',
      raw: { type: 'application/json', payload: '{"city": ' },
      status: 400,
    },
    {
      name: 'form-encoded body',
      method: 'post',
      path: '/api/v1/applications',
      raw: { type: 'application/x-www-form-urlencoded', payload: 'city[name]=x' },
      status: 415,
    },
    {
      name: 'text body',
      method: 'post',
      path: '/api/v1/applications',
      raw: { type: 'text/plain', payload: JSON.stringify(validApplication) },
      status: 415,
    },
    { name: 'bad person id', method: 'get', path: '/api/v1/people/not-an-id', auth: true, status: 400 },
    {
      name: 'person id with operator',
      method: 'get',
      path: '/api/v1/people/%7B%22%24ne%22%3A1%7D',
      auth: true,
      status: 400,
    },
    { name: 'bad slug', method: 'get', path: '/api/v1/cities/Lyon%20Drop', status: 400 },
    { name: 'slug too long', method: 'get', path: `/api/v1/cities/${'a'.repeat(65)}`, status: 400 },
    { name: 'limit out of range', method: 'get', path: '/api/v1/cities?limit=100000', status: 400 },
    { name: 'limit not a number', method: 'get', path: '/api/v1/cities?limit=ten', status: 400 },
    { name: 'unknown query parameter', method: 'get', path: '/api/v1/cities?sort=-name', status: 400 },
    {
      name: 'forged cursor',
      method: 'get',
      path: `/api/v1/cities?cursor=${Buffer.from('{"v":{"$gt":""},"i":"x"}').toString('base64url')}`,
      status: 400,
    },
    {
      name: 'repeated query parameter',
      method: 'get',
      path: '/api/v1/cities?country=FR&country=JO',
      status: 400,
    },
    { name: 'bracketed query object', method: 'get', path: '/api/v1/cities?country[$ne]=FR', status: 400 },
    {
      name: 'admin route with empty roles',
      method: 'put',
      path: '/api/v1/people/000000000000000000000000/roles',
      body: { roles: [] },
      auth: true,
      status: 400,
    },
    {
      name: 'unknown role',
      method: 'put',
      path: '/api/v1/people/000000000000000000000000/roles',
      body: { roles: ['root'] },
      auth: true,
      status: 400,
    },
    { name: 'unknown API path', method: 'get', path: '/api/v1/secrets', status: 404 },
  ];

  for (const c of cases) {
    it(`answers ${c.status} problem+json and stores nothing: ${c.name}`, async () => {
      const before = await snapshot();
      let req = request(t.app)[c.method](c.path);
      if (c.auth) req = req.set(t.dir.people.admin.auth);
      if (c.raw) req = req.set('Content-Type', c.raw.type).send(c.raw.payload);
      else if (c.body !== undefined) req = req.send(c.body as object);
      const res = await req;
      assert.equal(res.status, c.status, JSON.stringify(res.body));
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
      assert.equal(res.body.status, c.status);
      assert.equal(typeof res.body.title, 'string');
      assert.equal(typeof res.body.detail, 'string');
      assert.ok(!JSON.stringify(res.body).includes('    at '), 'no stack trace');
      assert.deepEqual(await snapshot(), before);
    });
  }

  it('did not pollute Object.prototype', () => {
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });
});

describe('anonymous callers of member and admin routes', () => {
  it('are told to sign in before any input is read', async () => {
    const app = testApp();
    const res = await request(app)
      .post('/api/v1/cities')
      .send({ country: '00', slug: 'Bad Slug' })
      .expect(401);
    assert.equal(res.body.errors, undefined, 'no validation details for anonymous callers');
    await request(app).get('/api/v1/people?limit=nonsense').expect(401);
  });
});

describe('a known path asked with another method', () => {
  it('answers 405 with the allowed methods', async () => {
    const res = await request(testApp()).delete('/api/v1/hubs').expect(405);
    assert.equal(res.headers.allow, 'GET, HEAD, POST');
    assert.equal(res.body.status, 405);
    await request(testApp()).put('/api/v1/cities/lyon').expect(405);
  });
});

describe('text that is not what it seems', () => {
  const t = seededApp();
  const application = (name: string) => ({
    city: { name, kind: 'city', country: 'TN' },
    contact: { name: 'Leila', email: 'leila@sfax.example', position: 'Deputy mayor' },
    pledge: { version: '2026-1', accepted: true },
  });

  for (const [label, name] of [
    ['a lone surrogate', 'Sfax \ud800'],
    ['a right-to-left override', 'Sfax\u202egnp.exe'],
    ['a C1 control character', 'Sfax\u0085'],
    ['a line separator', 'Sfax\u2028City'],
  ]) {
    it(`refuses ${label} in a name, storing nothing`, async () => {
      const res = await request(t.app).post('/api/v1/applications').send(application(name!)).expect(400);
      assert.equal(res.body.errors[0].path, 'body.city.name');
    });
  }

  it('keeps joiners that scripts need, normalised to NFC', async () => {
    const res = await request(t.app)
      .post('/api/v1/applications')
      .send(application('Cafe\u0301 \u0628\u200c\u0646'))
      .expect(201);
    assert.ok(res.body.id);
  });
});
