import assert from 'node:assert/strict';
import request from 'supertest';
import { testApp } from '../../support/app.js';
import { createApp } from '../../../server/app.js';
import { createLogger } from '../../../server/logger.js';
import { testConfig } from '../../support/app.js';

describe('operations endpoints', () => {
  it('answers /healthz and /readyz with the database up', async () => {
    const app = testApp();
    assert.deepEqual((await request(app).get('/healthz').expect(200)).body, { status: 'ok' });
    assert.deepEqual((await request(app).get('/readyz').expect(200)).body, {
      status: 'ready',
      database: 'ok',
    });
  });

  it('reports not ready while shutting down', async () => {
    const config = testConfig();
    const app = createApp({ config, logger: createLogger('silent'), readiness: { shuttingDown: true } });
    const res = await request(app).get('/readyz').expect(503);
    assert.equal(res.body.status, 'unavailable');
  });

  it('serves Prometheus metrics to loopback clients, counting requests by route pattern', async () => {
    const app = testApp();
    await request(app).get('/api/v1/cities/no-such-city-anywhere');
    const res = await request(app).get('/metrics').expect(200);
    assert.match(res.headers['content-type'] ?? '', /text\/plain/);
    assert.match(
      res.text,
      /concordia_http_requests_total\{method="GET",route="\/api\/v1\/cities\/:city",status="404"\} 1/,
    );
    assert.match(res.text, /concordia_process_cpu_user_seconds_total/);
  });

  it('requires the metrics token when one is configured', async () => {
    const app = testApp({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
    const refused = await request(app).get('/metrics').expect(403);
    assert.match(refused.headers['content-type'] ?? '', /problem\+json/);
    await request(app).get('/metrics').set('Authorization', 'Bearer wrong-token-of-some-length').expect(403);
    await request(app).get('/metrics').set('Authorization', 'Bearer a-long-enough-metrics-token').expect(200);
  });
});
