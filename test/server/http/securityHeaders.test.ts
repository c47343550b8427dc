import assert from 'node:assert/strict';
import request from 'supertest';
import { PRODUCTION_SECRETS, testApp } from '../../support/app.js';

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and the helmet headers, without x-powered-by', async () => {
    const res = await request(testApp()).get('/healthz').expect(200);
    const csp = res.headers['content-security-policy'] ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(res.headers['x-powered-by'], undefined);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS outside production');
  });

  it('sends HSTS in production', async () => {
    const res = await request(testApp({ ...PRODUCTION_SECRETS, NODE_ENV: 'production' }))
      .get('/healthz')
      .expect(200);
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });

  it('gives every response a request id, and keeps a sane one a trusted proxy sent', async () => {
    const untrusted = await request(testApp()).get('/healthz').set('X-Request-Id', 'trace-abc-12345');
    assert.notEqual(untrusted.headers['x-request-id'], 'trace-abc-12345', 'not without a trusted proxy');
    const app = testApp({ TRUST_PROXY: '1' });
    const generated = await request(app).get('/healthz');
    assert.match(generated.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/);
    const kept = await request(app).get('/healthz').set('X-Request-Id', 'trace-abc-12345');
    assert.equal(kept.headers['x-request-id'], 'trace-abc-12345');
    const replaced = await request(app).get('/healthz').set('X-Request-Id', 'bad id\u00e9<script>');
    assert.notEqual(replaced.headers['x-request-id'], 'bad id\u00e9<script>');
  });

  it('sends no CORS headers unless origins are configured, then only to those', async () => {
    const closed = await request(testApp()).get('/api/v1/hubs').set('Origin', 'https://evil.example');
    assert.equal(closed.headers['access-control-allow-origin'], undefined);
    const app = testApp({ CORS_ORIGINS: 'https://partner.example' });
    const allowed = await request(app).get('/api/v1/hubs').set('Origin', 'https://partner.example');
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://partner.example');
    const other = await request(app).get('/api/v1/hubs').set('Origin', 'https://evil.example');
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });
});
