/**
 * Hostile input at the SCIM door: bad JSON, wrong media types, `$` and prototype keys, unknown
 * attributes, wrong types, oversize bodies, bad filters (400 invalidFilter), bad paging, and the rate
 * limits (429 in the SCIM format, per token and for failed tokens).
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { PATCH_URN, SCIM, USER_URN, patchBody, scimClient, scimWorld, userBody } from './scimKit.js';

function scimError(res: request.Response, status: number, scimType?: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
  assert.equal(res.body.status, String(status));
  assert.equal(res.body.scimType, scimType);
}

describe('SCIM hostile input', () => {
  const w = scimWorld();
  const raw = (method: 'post' | 'patch', path: string) =>
    request(w.app)[method](`/scim/v2${path}`).set('Authorization', `Bearer ${w.tokens.lyon}`);
  let id = '';

  before(async () => {
    id = (await scimClient(w.app, w.tokens.lyon).post('/Users', userBody('h@lyon.example')).expect(201)).body
      .id as string;
  });

  it('refuses bodies that are not JSON, or not an object', async () => {
    scimError(
      await raw('post', '/Users').set('Content-Type', SCIM).send('{"userName":'),
      400,
      'invalidSyntax',
    );
    scimError(
      await raw('post', '/Users').set('Content-Type', 'text/plain').send('hello'),
      400,
      'invalidSyntax',
    );
    scimError(
      await raw('post', '/Users').set('Content-Type', SCIM).send('"just a string"'),
      400,
      'invalidSyntax',
    );
    scimError(await raw('post', '/Users').set('Content-Type', SCIM).send('[1,2]'), 400, 'invalidSyntax');
    scimError(await raw('post', '/Users'), 400, 'invalidSyntax');
  });

  it('refuses $ keys and prototype keys anywhere', async () => {
    const c = scimClient(w.app, w.tokens.lyon);
    scimError(await c.post('/Users', userBody('x@lyon.example', { $where: '1' })), 400, 'invalidSyntax');
    scimError(
      await c.post('/Users', userBody('x@lyon.example', { name: { $gt: '' } })),
      400,
      'invalidSyntax',
    );
    scimError(
      await raw('post', '/Users')
        .set('Content-Type', SCIM)
        .send(`{"schemas":["${USER_URN}"],"userName":"x@y.z","__proto__":{"admin":true}}`),
      400,
      'invalidSyntax',
    );
    scimError(await c.get(`/Users?$where=1`), 400, 'invalidSyntax');
    scimError(
      await c.patch(`/Users/${id}`, patchBody({ op: 'add', value: { $set: { roles: ['admin'] } } })),
      400,
      'invalidSyntax',
    );
  });

  it('refuses unknown attributes and wrong types with invalidValue', async () => {
    const c = scimClient(w.app, w.tokens.lyon);
    scimError(await c.post('/Users', userBody('x@lyon.example', { roles2: ['admin'] })), 400, 'invalidValue');
    scimError(
      await c.post('/Users', userBody('x@lyon.example', { name: { nickname: 'x' } })),
      400,
      'invalidValue',
    );
    scimError(await c.post('/Users', userBody('x@lyon.example', { displayName: 42 })), 400, 'invalidValue');
    scimError(await c.post('/Users', userBody('x@lyon.example', { active: 'yes' })), 400, 'invalidValue');
    scimError(
      await c.post('/Users', userBody('x@lyon.example', { emails: [{ value: 'not-an-email' }] })),
      400,
      'invalidValue',
    );
    scimError(
      await c.post('/Users', userBody('x@lyon.example', { displayName: 'a\u0000b' })),
      400,
      'invalidValue',
    );
    scimError(
      await c.post('/Users', userBody('x@lyon.example', { displayName: 'x'.repeat(2000) })),
      400,
      'invalidValue',
    );
    scimError(
      await c.post('/Users', { schemas: [USER_URN, 'urn:evil'], userName: 'x@lyon.example' }),
      400,
      'invalidValue',
    );
    scimError(await c.post('/Users', { userName: 'x@lyon.example' }), 400, 'invalidSyntax');
    scimError(await c.post('/Users', { schemas: [USER_URN] }), 400, 'invalidValue');
    scimError(
      await c.post('/Users', { schemas: [USER_URN], userName: 'no-email-here' }),
      400,
      'invalidValue',
    );
    scimError(
      await c.patch(`/Users/${id}`, { schemas: [PATCH_URN], Operations: [], extra: 1 }),
      400,
      'invalidSyntax',
    );
    scimError(
      await c.patch(`/Users/${id}`, {
        schemas: [PATCH_URN],
        Operations: [{ op: 'add', path: 'title', value: 'x', evil: 1 }],
      }),
      400,
      'invalidSyntax',
    );
  });

  it('refuses an oversize body with 413', async () => {
    const big = userBody('x@lyon.example', { displayName: 'x'.repeat(1_100_000) });
    scimError(await scimClient(w.app, w.tokens.lyon).post('/Users', big), 413);
  });

  it('answers 400 invalidFilter for filters that are not filters', async () => {
    const c = scimClient(w.app, w.tokens.lyon);
    for (const filter of [
      'userName',
      'userName eq',
      'userName xx "a"',
      'userName eq "unterminated',
      'userName eq "a" and',
      '(userName eq "a"',
      'nosuch eq "a"',
      'name.nosuch eq "a"',
      'emails[type eq "work"',
      'emails[type eq "work"][value eq "x"]',
      'emails[nosuch eq "x"]',
      'active gt true',
      'active eq "perhaps"',
      'meta.created gt "not a date"',
      'userName eq {"$gt":""}',
      'userName eq "a" ; drop',
      'a'.repeat(1001),
      Array.from({ length: 25 }, (_, i) => `userName eq "${i}"`).join(' or '),
      `${'('.repeat(30)}userName pr${')'.repeat(30)}`,
      'groups.value eq "x"',
      'userName eq 12',
    ]) {
      const res = await c.get(`/Users?filter=${encodeURIComponent(filter)}`);
      scimError(res, 400, 'invalidFilter');
    }
  });

  it('refuses bad paging values and repeated parameters', async () => {
    const c = scimClient(w.app, w.tokens.lyon);
    scimError(await c.get('/Users?count=abc'), 400, 'invalidValue');
    scimError(await c.get('/Users?startIndex=1e99'), 400, 'invalidValue');
    scimError(await c.get('/Users?count=1&count=2'), 400, 'invalidValue');
  });
});

describe('SCIM rate limits', () => {
  // RATE_LIMIT_PER_MINUTE=2: 10 requests per token per minute, 1 failed token per address.
  const w = scimWorld({ RATE_LIMIT_PER_MINUTE: '2' });

  it('answers 429 in the SCIM format with Retry-After once a token’s budget is spent', async () => {
    const c = scimClient(w.app, w.tokens.amman);
    let res: request.Response | null = null;
    for (let i = 0; i < 11; i++) res = await c.get('/ServiceProviderConfig');
    scimError(res!, 429);
    assert.ok(Number(res!.headers['retry-after']) >= 1);
    // The other provider's token has its own budget.
    await scimClient(w.app, w.tokens.lyon).get('/ServiceProviderConfig').expect(200);
  });

  it('answers 429 to an address that keeps sending bad tokens', async () => {
    const bad = () =>
      request(w.app)
        .get('/scim/v2/Users')
        .set('Authorization', `Bearer scim_${'b'.repeat(43)}`);
    scimError(await bad(), 401);
    scimError(await bad(), 429);
  });
});
