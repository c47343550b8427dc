import assert from 'node:assert/strict';
import request from 'supertest';
import { ApplicationModel } from '../../../server/models/Application.js';
import { resetDatabase } from '../../support/database.js';
import { testApp } from '../../support/app.js';

const application = {
  city: { name: 'Sfax', kind: 'municipality', country: 'TN' },
  contact: { name: 'Leila', email: 'leila@sfax.example', position: 'Deputy mayor' },
  pledge: { version: '2026-1', accepted: true },
};

describe('rate limits', () => {
  before(resetDatabase);

  it('limits API requests per client, and every route per address at ten times that, saying when to retry', async () => {
    const app = testApp({ RATE_LIMIT_PER_MINUTE: '2' });
    await request(app).get('/api/v1/hubs').expect(200);
    await request(app).get('/api/v1/hubs').expect(200);
    const limited = await request(app).get('/api/v1/hubs').expect(429);
    assert.match(limited.headers['content-type'] ?? '', /problem\+json/);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    // The address has used 3 of its 20; the 21st request of any kind is refused.
    for (let i = 3; i < 20; i++) await request(app).get('/healthz').expect(200);
    await request(app).get('/healthz').expect(429);
  });

  it('tells an anonymous writer to a members route to sign in (401), never 429, while public writes stay limited per address', async () => {
    const app = testApp({ RATE_LIMIT_WRITES_PER_MINUTE: '1' });
    for (let i = 0; i < 3; i++) {
      const res = await request(app).post('/api/v1/cities').send({ slug: 'x' }).expect(401);
      assert.equal(res.body.code, 'unauthenticated');
    }
    await request(app).post('/api/v1/applications').send({}).expect(400);
    const limited = await request(app).post('/api/v1/applications').send({}).expect(429);
    assert.ok(Number(limited.headers['retry-after']) >= 1);
  });

  it('limits the public application form much harder, storing nothing beyond the limit', async () => {
    const app = testApp({ RATE_LIMIT_PUBLIC_FORMS_PER_HOUR: '2' });
    await request(app).post('/api/v1/applications').send(application).expect(201);
    await request(app).post('/api/v1/applications').send(application).expect(201);
    await request(app).post('/api/v1/applications').send(application).expect(429);
    assert.equal(await ApplicationModel.countDocuments(), 2);
  });
});
