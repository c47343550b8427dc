import assert from 'node:assert/strict';
import request from 'supertest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { testApp } from '../../support/app.js';

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI document that lists the sign-in, session and identity provider routes', async () => {
    const res = await request(testApp()).get('/api/openapi.json').expect(200);
    const result = await new Validator().validate(res.body);
    assert.ok(result.valid, JSON.stringify(result.errors ?? null).slice(0, 2000));
    for (const path of [
      '/api/v1/me',
      '/api/v1/csrf',
      '/api/v1/auth/login',
      '/api/v1/auth/login/second-factor',
      '/api/v1/auth/logout-everywhere',
      '/api/v1/identity-providers/{idp}',
    ])
      assert.ok(res.body.paths[path], path);
  });
});
