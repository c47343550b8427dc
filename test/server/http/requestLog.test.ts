/**
 * The request log of the real app: one entry per request with method, path, status, time and request
 * id, at debug, never a header, cookie, token or query string; the readable development form.
 */
import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import { createLogger, formatLogLine, type LogFormat } from '../../../server/logger.js';
import { testConfig } from '../../support/app.js';

/** A real app whose logger writes into `lines`. */
function loggedApp(level: string, format: LogFormat = 'json') {
  const lines: string[] = [];
  const config = testConfig({ LOG_LEVEL: level });
  const logger = createLogger(level, { format, destination: { write: (line) => void lines.push(line) } });
  return { app: createApp({ config, logger }), lines };
}

const SECRET_COOKIE = 'connect.sid=s%3Aa-very-secret-session-value';
const SECRET_TOKEN = 'Bearer cct_a-very-secret-token-value';

describe('the request log', () => {
  it('logs each request at debug with method, path, status, time and request id, and no header', async () => {
    const { app, lines } = loggedApp('debug');
    const res = await request(app)
      .get('/api/v1/hubs?q=private+search+words')
      .set('Cookie', SECRET_COOKIE)
      .set('Authorization', SECRET_TOKEN)
      .set('X-Custom-Header', 'header-value-that-must-not-appear');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const entry = entries.find((e) => e.path === '/api/v1/hubs');
    assert.ok(entry, `no request entry in ${lines.join('')}`);
    assert.equal(entry.level, 20, 'debug');
    assert.equal(entry.method, 'GET');
    assert.equal(entry.status, res.status);
    assert.equal(typeof entry.ms, 'number');
    assert.equal(entry.reqId, res.headers['x-request-id']);
    assert.equal(entry.msg, `GET /api/v1/hubs ${res.status} ${entry.ms as number} ms`);
    assert.deepEqual(
      Object.keys(entry).sort(),
      ['level', 'method', 'ms', 'msg', 'path', 'reqId', 'service', 'status', 'time'],
      'nothing else: no req, res, headers or query',
    );
    const all = lines.join('');
    for (const secret of ['a-very-secret', 'header-value-that-must-not', 'private', 'user-agent']) {
      assert.ok(!all.includes(secret), `the log holds "${secret}"`);
    }
  });

  it('writes no request entry at the default level (info), and none for health checks', async () => {
    const quiet = loggedApp('info');
    await request(quiet.app).get('/api/v1/hubs').expect(200);
    await request(quiet.app).get('/api/v1/no-such-route').expect(404);
    assert.deepEqual(quiet.lines, []);
    const debug = loggedApp('debug');
    await request(debug.app).get('/healthz').expect(200);
    await request(debug.app).get('/readyz');
    assert.deepEqual(debug.lines, []);
  });

  it('writes readable lines in the development format', async () => {
    const { app, lines } = loggedApp('debug', 'pretty');
    const res = await request(app).get('/api/v1/hubs').expect(200);
    const line = lines.find((l) => l.includes('/api/v1/hubs'));
    assert.match(
      line ?? '',
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG GET /api/v1/hubs 200 \\d+ ms reqId=${res.headers['x-request-id']}\\n$`,
      ),
    );
  });
});

describe('the readable log format', () => {
  it('shows time, level, message and the other fields; an error with its stack', () => {
    const line = formatLogLine(
      JSON.stringify({
        level: 50,
        time: '2026-12-04T01:02:03.456Z',
        service: 'concordia',
        msg: 'unhandled error',
        reqId: 'abc-123',
        detail: 'two words',
        err: { message: 'boom', stack: 'Error: boom\n    at here' },
      }),
    );
    assert.equal(
      line,
      '01:02:03.456 ERROR unhandled error reqId=abc-123 detail="two words"\n    Error: boom\n        at here\n',
    );
  });

  it('leaves a line that is not JSON as it is', () => {
    assert.equal(formatLogLine('plain text'), 'plain text\n');
  });

  it('keeps secrets out in either format (redaction happens before formatting)', () => {
    for (const format of ['json', 'pretty'] as const) {
      const lines: string[] = [];
      const logger = createLogger('info', { format, destination: { write: (l) => void lines.push(l) } });
      logger.info({ user: { password: 'hunter2-secret' }, headers: { cookie: 'sid=cookie-secret' } }, 'x');
      assert.ok(!lines.join('').includes('secret'), lines.join(''));
      assert.match(lines.join(''), /\[redacted\]/);
    }
  });
});
