/**
 * Regressions for the findings of the first security review of the directory: each test names the
 * finding it guards.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createCity } from '../../server/services/cities/createCity.js';
import { createPerson } from '../../server/services/people/createPerson.js';
import { createApiToken } from '../../server/services/tokens/apiTokens.js';
import { loadConfig } from '../../server/config.js';
import { addressKey } from '../../server/http/rateLimit.js';
import { OPERATOR, seededApp } from '../support/fixtures.js';
import { PRODUCTION_SECRETS, testApp } from '../support/app.js';

async function tokenFor(
  name: string,
  email: string,
  roles: ('partner_observer' | 'community_partner' | 'practitioner')[],
  city?: string,
) {
  const person = await createPerson(OPERATOR, {
    name,
    email,
    roles,
    city,
    organisation: city ? undefined : 'Partner',
    languages: [],
    expertise: [],
    status: 'active',
  });
  const { token } = await createApiToken(OPERATOR, person.id, 'test', 1);
  return { id: person.id, auth: { Authorization: `Bearer ${token}` } };
}

describe('security review regressions', () => {
  const t = seededApp();

  it('H3: partner observers and community partners see themselves, not the directory of people', async () => {
    const observer = await tokenFor('Olga Observer', 'olga@un.example', ['partner_observer']);
    const partner = await tokenFor('Paco Partner', 'paco@youth.example', ['community_partner'], 'lyon');
    for (const who of [observer, partner]) {
      const res = await request(t.app).get('/api/v1/people').set(who.auth).expect(200);
      assert.deepEqual(
        res.body.items.map((p: { id: string }) => p.id),
        [who.id],
      );
      await request(t.app).get(`/api/v1/people/${t.dir.people.focal.id}`).set(who.auth).expect(404);
    }
  });

  it("M1: a focal point sees their own city's e-mail addresses, a practitioner does not", async () => {
    const focal = await request(t.app)
      .get(`/api/v1/people/${t.dir.people.practitioner.id}`)
      .set(t.dir.people.focal.auth)
      .expect(200);
    assert.equal(focal.body.email, 'pierre@lyon.test.example');
    const peer = await request(t.app)
      .get(`/api/v1/people/${t.dir.people.focal.id}`)
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.equal(peer.body.email, undefined);
    const otherCity = await request(t.app)
      .get(`/api/v1/people/${t.dir.people.otherCity.id}`)
      .set(t.dir.people.focal.auth)
      .expect(200);
    assert.equal(otherCity.body.email, undefined);
  });

  it('M2: people lists do not name cities the reader may not see', async () => {
    await createCity(OPERATOR, {
      slug: 'secret-town',
      name: 'Secret Town',
      kind: 'city',
      country: 'AT',
      hub: 'europe',
      status: 'applicant',
      iscSeat: false,
    });
    const applicant = await createPerson(OPERATOR, {
      name: 'Aaron Applicant',
      email: 'aaron@secret.example',
      city: 'secret-town',
      roles: ['practitioner'],
      languages: [],
      expertise: [],
      status: 'active',
    });
    const seen = await request(t.app)
      .get(`/api/v1/people/${applicant.id}`)
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.equal(seen.body.city, null);
    const filtered = await request(t.app)
      .get('/api/v1/people?city=secret-town')
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.deepEqual(filtered.body.items, []);
    const admin = await request(t.app)
      .get(`/api/v1/people/${applicant.id}`)
      .set(t.dir.people.admin.auth)
      .expect(200);
    assert.equal(admin.body.city, 'secret-town');
  });

  it('M3: a refused change answers the same whether or not the target exists', async () => {
    const missing = '0123456789abcdef01234567';
    const existing = t.dir.people.suspended.id;
    for (const id of [missing, existing]) {
      const roles = await request(t.app)
        .put(`/api/v1/people/${id}/roles`)
        .set(t.dir.people.practitioner.auth)
        .send({ roles: ['admin'] });
      assert.equal(roles.status, 403, id);
      const status = await request(t.app)
        .post(`/api/v1/people/${id}/status`)
        .set(t.dir.people.practitioner.auth)
        .send({ status: 'active', reason: 'x' });
      assert.equal(status.status, 403, id);
    }
    await request(t.app)
      .post(`/api/v1/applications/${missing}/decision`)
      .set(t.dir.people.practitioner.auth)
      .send({ decision: 'decline', reason: 'x' })
      .expect(403);
  });

  it('M4: the last active admin cannot be suspended', async () => {
    const res = await request(t.app)
      .post(`/api/v1/people/${t.dir.people.admin.id}/status`)
      .set(t.dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'leaving' })
      .expect(409);
    assert.match(res.body.detail, /last active admin/);
  });

  it('H4: an empty setting counts as unset (compose files write NAME=)', () => {
    const config = loadConfig({
      METRICS_TOKEN: '',
      SESSION_SECRET: '',
      REDIS_URL: '',
      DATA_DIR: '/tmp/concordia-empty-env',
    });
    assert.equal(config.metricsToken, undefined);
    assert.equal(config.redisUrl, undefined);
  });

  it('M8: production serves /metrics only with the token, even to loopback', async () => {
    const app = testApp({ ...PRODUCTION_SECRETS, NODE_ENV: 'production' });
    await request(app).get('/metrics').expect(403);
  });

  it('M7: each signed-in person has their own budget, so one person cannot exhaust a shared address', async () => {
    const app = testApp({ RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++)
      await request(app).get('/api/v1/hubs').set(t.dir.people.focal.auth).expect(200);
    await request(app).get('/api/v1/hubs').set(t.dir.people.focal.auth).expect(429);
    await request(app).get('/api/v1/hubs').set(t.dir.people.practitioner.auth).expect(200);
  });

  it('M7: IPv6 clients are keyed by their /64, IPv4 by address', () => {
    assert.equal(addressKey('2001:db8:1:2:aaaa::1'), addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    assert.notEqual(addressKey('2001:db8:1:2::1'), addressKey('2001:db8:1:3::1'));
    assert.equal(addressKey('::ffff:192.0.2.7'), 'ip:192.0.2.7');
    assert.equal(addressKey('2001:0DB8:0001:0002::1'), 'ip6:2001:db8:1:2::/64');
  });

  it('Low: API answers are never cached', async () => {
    const res = await request(t.app).get('/api/v1/hubs').expect(200);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('Low: the public sees that a city pledged, not who signed', async () => {
    const publicView = await request(t.app).get('/api/v1/cities/lyon').expect(200);
    assert.equal(publicView.body.pledge.pledgedBy, undefined);
    assert.equal(publicView.body.pledge.version, '2026-1');
    const member = await request(t.app)
      .get('/api/v1/cities/lyon')
      .set(t.dir.people.practitioner.auth)
      .expect(200);
    assert.equal(member.body.pledge.pledgedBy, 'Mairie');
  });
});
