import assert from 'node:assert/strict';
import request from 'supertest';
import { registerDemoIdp } from '../../../../server/auth/devIdp/registerDemoIdp.js';
import { seedDemoData } from '../../../../server/demo/seedDemoData.js';
import { IdentityProviderModel } from '../../../../server/models/IdentityProvider.js';
import { resetDatabase } from '../../../support/database.js';
import { testApp, testConfig } from '../../../support/app.js';
import { sessionCookie } from '../../../support/saml.js';

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

  it('does not exist in production', async () => {
    const production = testConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    assert.equal(await registerDemoIdp(production), false);
    assert.equal((await IdentityProviderModel.findOne({ slug: 'demo' }).lean())?.status, 'disabled');
    const app = testApp({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    const res = await request(app).get('/dev-idp/sso?SAMLRequest=x');
    assert.doesNotMatch(res.text, /Development identity provider/);
    await request(app).get('/auth/saml/demo/login').expect(404);
  });
});
