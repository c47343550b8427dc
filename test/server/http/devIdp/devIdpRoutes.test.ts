import assert from 'node:assert/strict';
import request from 'supertest';
import { registerDemoIdp } from '../../../../server/auth/devIdp/registerDemoIdp.js';
import { seedDemoData } from '../../../../server/demo/seedDemoData.js';
import { IdentityProviderModel } from '../../../../server/models/IdentityProvider.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { resetDatabase } from '../../../support/database.js';
import { PRODUCTION_SECRETS, testApp, testConfig } from '../../../support/app.js';
import { sessionCookie } from '../../../support/saml.js';

/** The login-binding cookie the browser got from GET /auth/saml/:idp/login (sent back to the ACS). */
function loginBindingOf(login: { headers: Record<string, unknown> }): string {
  return String(login.headers['set-cookie']).split(';')[0] ?? '';
}

function hiddenValue(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no ${name} in ${html.slice(0, 300)}`);
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&apos;/g, "'");
}

describe('the development identity provider', () => {
  const env = { NODE_ENV: 'development', DEMO_DATA: 'true' };
  before(async () => {
    await resetDatabase();
    await seedDemoData();
  });

  it('signs a demo person of the demo city in through the real ACS, with a real signed response', async () => {
    const config = testConfig(env);
    assert.equal(await registerDemoIdp(config), true);
    const app = testApp({ ...env, DATA_DIR: config.dataDir });
    const login = await request(app).get('/auth/saml/demo/login').expect(303);
    const sso = new URL(login.headers.location ?? '');
    assert.equal(sso.pathname, '/dev-idp/sso');
    const picker = await request(app)
      .get(sso.pathname + sso.search)
      .expect(200);
    assert.match(picker.text, /Wanjiru Kamau/);
    assert.doesNotMatch(picker.text, /<script>|<style|style=/);
    assert.match(picker.headers['content-security-policy'] ?? '', /script-src 'self'/);
    const answer = await request(app)
      .post('/dev-idp/sso')
      .type('form')
      .send({
        requestId: hiddenValue(picker.text, 'requestId'),
        relayState: '/',
        email: 'focal@nairobi.demo.concordia.example',
      })
      .expect(200);
    assert.match(answer.text, /<script src="\/dev-idp\/autosubmit.js"><\/script>/);
    const acs = await request(app)
      .post('/auth/saml/demo/acs')
      .type('form')
      .set('Cookie', loginBindingOf(login))
      .send({ SAMLResponse: hiddenValue(answer.text, 'SAMLResponse'), RelayState: '/' })
      .expect(303);
    const me = await request(app)
      .get('/api/v1/me')
      .set('Cookie', sessionCookie(acs) ?? '')
      .expect(200);
    assert.equal(me.body.city.slug, 'nairobi');
    assert.equal(me.body.person.name, 'Wanjiru Kamau');
    assert.deepEqual([...me.body.roles].sort(), ['focal_point', 'practitioner']);
  });

  it('keeps its key in DATA_DIR across restarts', async () => {
    const config = testConfig(env);
    await registerDemoIdp(config);
    const first = (await IdentityProviderModel.findOne({ slug: 'demo' }).lean())?.certificates[0];
    await registerDemoIdp(config);
    assert.equal((await IdentityProviderModel.findOne({ slug: 'demo' }).lean())?.certificates[0], first);
  });

  /** The dev chooser's people, as the sign-in page reads them. */
  async function chooserPeople(app: ReturnType<typeof testApp>) {
    const res = await request(app).get('/dev-idp/people').expect(200).expect('Content-Type', /json/);
    return res.body.people as {
      id: string;
      name: string;
      roles: string[];
      city: { slug: string } | null;
      via: 'city' | 'direct';
    }[];
  }

  it('registers a development provider for every demo city and lists demo people in every role', async () => {
    const config = testConfig(env);
    assert.equal(await registerDemoIdp(config), true);
    const slugs = (await IdentityProviderModel.find({ status: 'active' }, { slug: 1 }).lean()).map(
      (p) => p.slug,
    );
    for (const slug of ['demo', 'demo-amman', 'demo-montreal', 'demo-catalonia', 'demo-kampala'])
      assert.ok(slugs.includes(slug), `${slug} in ${slugs.join(', ')}`);
    const app = testApp({ ...env, DATA_DIR: config.dataDir });
    const people = await chooserPeople(app);
    const roles = new Set(people.flatMap((p) => p.roles));
    for (const role of [
      'admin',
      'moderator',
      'expert',
      'focal_point',
      'leader',
      'practitioner',
      'isc_member',
    ])
      assert.ok(roles.has(role), `someone is ${role}`);
    const mayors = people.filter((p) => p.roles.includes('leader')).map((p) => p.city?.slug);
    assert.deepEqual(mayors.sort(), ['amman', 'montreal', 'nairobi']);
    const amina = people.find((p) => p.name === 'Amina Hassan');
    assert.equal(amina?.via, 'direct', 'the Management Unit has no city provider');
    assert.equal(people.find((p) => p.name === 'Omar Al-Khatib')?.via, 'city');
    assert.ok(!people.some((p) => p.name === 'Hela Ben Salah'), 'invited people are not offered');
  });

  it("signs a mayor of another city in through their city's provider and the real ACS, from the chooser", async () => {
    const config = testConfig(env);
    await registerDemoIdp(config);
    const app = testApp({ ...env, DATA_DIR: config.dataDir });
    const omar = (await chooserPeople(app)).find((p) => p.name === 'Omar Al-Khatib')!;
    const chosen = await request(app)
      .post('/dev-idp/choose')
      .set('Origin', new URL(config.publicUrl).origin)
      .type('form')
      .send({ person: omar.id, returnTo: '/rooms' })
      .expect(303);
    assert.equal(chosen.headers.location, '/auth/saml/demo-amman/login?returnTo=%2Frooms');
    const cookie = String(chosen.headers['set-cookie']).split(';')[0]!;
    assert.match(cookie, /^concordia\.dev-person=[0-9a-f]{24}$/);
    const login = await request(app).get(chosen.headers.location!).expect(303);
    const sso = new URL(login.headers.location ?? '');
    const answer = await request(app)
      .get(sso.pathname + sso.search)
      .set('Cookie', cookie)
      .expect(200);
    assert.match(String(answer.headers['set-cookie']), /concordia\.dev-person=; Path=\/dev-idp; Max-Age=0/);
    const acs = await request(app)
      .post('/auth/saml/demo-amman/acs')
      .type('form')
      .set('Cookie', loginBindingOf(login))
      .send({
        SAMLResponse: hiddenValue(answer.text, 'SAMLResponse'),
        RelayState: hiddenValue(answer.text, 'RelayState'),
      })
      .expect(303);
    assert.equal(acs.headers.location, '/rooms');
    const me = await request(app)
      .get('/api/v1/me')
      .set('Cookie', sessionCookie(acs) ?? '')
      .expect(200);
    assert.equal(me.body.person.name, 'Omar Al-Khatib');
    assert.equal(me.body.city.slug, 'amman', 'still of his own city');
    assert.deepEqual([...me.body.roles].sort(), ['isc_member', 'leader']);
  });

  it('signs in a person without a city (the admin) with no second factor, in development', async () => {
    const config = testConfig(env);
    await registerDemoIdp(config);
    const app = testApp({ ...env, DATA_DIR: config.dataDir });
    const amina = (await chooserPeople(app)).find((p) => p.name === 'Amina Hassan')!;
    const chosen = await request(app)
      .post('/dev-idp/choose')
      .set('Origin', new URL(config.publicUrl).origin)
      .type('form')
      .send({ person: amina.id, returnTo: '/admin' })
      .expect(303);
    assert.equal(chosen.headers.location, '/admin');
    const me = await request(app)
      .get('/api/v1/me')
      .set('Cookie', sessionCookie(chosen) ?? '')
      .expect(200);
    assert.equal(me.body.person.name, 'Amina Hassan');
    assert.equal(me.body.city, null);
    assert.ok(me.body.roles.includes('admin'));
  });

  it('refuses a choice from another site, an unknown person, someone outside the demo data, and unsafe return paths', async () => {
    const config = testConfig(env);
    await registerDemoIdp(config);
    const app = testApp({ ...env, DATA_DIR: config.dataDir });
    const amina = (await chooserPeople(app)).find((p) => p.name === 'Amina Hassan')!;
    const origin = new URL(config.publicUrl).origin;
    await request(app).post('/dev-idp/choose').type('form').send({ person: amina.id }).expect(403);
    await request(app)
      .post('/dev-idp/choose')
      .set('Origin', 'https://evil.example')
      .type('form')
      .send({ person: amina.id })
      .expect(403);
    await request(app)
      .post('/dev-idp/choose')
      .set('Origin', 'null')
      .set('Sec-Fetch-Site', 'cross-site')
      .type('form')
      .send({ person: amina.id })
      .expect(403);
    // A browser on our own page: Sec-Fetch-Site says so (its Origin is "null" under no-referrer).
    await request(app)
      .post('/dev-idp/choose')
      .set('Origin', 'null')
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ person: amina.id })
      .expect(303);
    for (const person of ['0123456789abcdef01234567', 'not-an-id', { $ne: null }])
      await request(app)
        .post('/dev-idp/choose')
        .set('Origin', origin)
        .type('form')
        .send({ person })
        .expect(400);
    const outsider = await PersonModel.create({
      name: 'Real Person',
      email: 'real@city.example',
      roles: ['admin'],
      status: 'active',
    });
    await request(app)
      .post('/dev-idp/choose')
      .set('Origin', origin)
      .type('form')
      .send({ person: String(outsider._id) })
      .expect(400);
    const away = await request(app)
      .post('/dev-idp/choose')
      .set('Origin', origin)
      .type('form')
      .send({ person: amina.id, returnTo: '//evil.example/x' })
      .expect(303);
    assert.equal(away.headers.location, '/');
  });

  it('does not exist in production', async () => {
    const production = testConfig({ ...PRODUCTION_SECRETS, NODE_ENV: 'production' });
    assert.equal(await registerDemoIdp(production), false);
    assert.equal((await IdentityProviderModel.findOne({ slug: 'demo' }).lean())?.status, 'disabled');
    const app = testApp({ ...PRODUCTION_SECRETS, NODE_ENV: 'production' });
    const res = await request(app).get('/dev-idp/sso?SAMLRequest=x');
    assert.doesNotMatch(res.text, /Development identity provider/);
    await request(app).get('/auth/saml/demo/login').expect(404);
    await request(app).get('/auth/saml/demo-amman/login').expect(404);
    assert.equal(
      await IdentityProviderModel.countDocuments({ ssoUrl: /\/dev-idp\/sso$/, status: 'active' }),
      0,
    );
    const people = await request(app).get('/dev-idp/people');
    assert.doesNotMatch(String(people.headers['content-type']), /json/);
    await request(app)
      .post('/dev-idp/choose')
      .set('Origin', 'http://localhost:3000')
      .type('form')
      .send({ person: '0123456789abcdef01234567' })
      .expect((res) => assert.notEqual(res.status, 303));
  });
});
