import assert from 'node:assert/strict';
import request from 'supertest';
import { IdentityProviderModel } from '../../../../server/models/IdentityProvider.js';
import { createCity } from '../../../../server/services/cities/createCity.js';
import { OPERATOR, seededApp } from '../../../support/fixtures.js';
import { registerTestIdp, testKey } from '../../../support/saml.js';
import { testConfig } from '../../../support/app.js';

describe('GET /api/v1/sign-in-options', () => {
  const t = seededApp();

  it('lists active providers of member cities only, by city, and nothing else about them', async () => {
    const config = testConfig();
    await registerTestIdp(config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    await registerTestIdp(config, 'amman-idp', 'amman', await testKey('amman-idp'));
    await createCity(OPERATOR, {
      slug: 'graz-applicant',
      name: 'Graz',
      kind: 'city',
      country: 'AT',
      hub: 'europe',
      status: 'applicant',
      iscSeat: false,
    });
    await registerTestIdp(config, 'graz-idp', 'graz-applicant', await testKey('graz-idp'));
    await registerTestIdp(config, 'old-idp', 'lyon', await testKey('old-idp'));
    await IdentityProviderModel.updateOne({ slug: 'old-idp' }, { $set: { status: 'disabled' } });

    const res = await request(t.app).get('/api/v1/sign-in-options').expect(200);
    assert.equal(res.body.localAccounts, true);
    assert.deepEqual(
      res.body.providers.map((p: { slug: string; city: { slug: string } }) => [p.slug, p.city.slug]),
      [
        ['amman-idp', 'amman'],
        ['lyon-idp', 'lyon'],
      ],
    );
    for (const provider of res.body.providers as Record<string, unknown>[]) {
      assert.deepEqual(
        Object.keys(provider).sort(),
        ['city', 'name', 'slug'],
        'no certificates, URLs or maps',
      );
    }
  });
});
