/**
 * What `npm start` prints: in development a short readable summary (address, demo sign-in, where the
 * data lives) and no JSON, audit heads or request lines at the default level; in production the same
 * facts as one JSON line among JSON lines. The processes are the real server (server/main.ts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayDatabaseUri, startupSummary } from '../../../server/ops/startupSummary.js';
import { PRODUCTION_SECRETS } from '../../support/app.js';
import { testDatabaseUri } from '../../support/database.js';
import { startServer } from '../../support/serverProcess.js';

const FACTS = {
  publicUrl: 'http://localhost:3000',
  listening: 'http://localhost:3000',
  databaseSource: 'FerretDB',
  databaseUri: 'mongodb://127.0.0.1:40001/',
  dbName: 'concordia',
  dataDir: '/srv/concordia/data',
  demoDataLoaded: true,
  demoSignIn: true,
  logLevel: 'info',
};

describe('the startup summary', () => {
  it('names the address, the demo sign-in, where the data lives, the log level and how to stop', () => {
    const { text, message, fields } = startupSummary(FACTS);
    assert.equal(
      text,
      [
        'Concordia is listening on http://localhost:3000',
        '  Open     http://localhost:3000',
        '  Sign in  http://localhost:3000/sign-in, pick any demo person in any role (development only)',
        '  Data     /srv/concordia/data (embedded FerretDB on SQLite, demo data loaded)',
        '  Logs     LOG_LEVEL=info; LOG_LEVEL=debug shows every request and audit head',
        '  Stop     Ctrl-C',
        '',
      ].join('\n'),
    );
    assert.equal(message, 'Concordia is listening on http://localhost:3000');
    assert.equal(
      fields.signIn,
      'http://localhost:3000/sign-in, pick any demo person in any role (development only)',
    );
  });

  it('leaves out the demo sign-in when there is none, and never shows database credentials', () => {
    const { text, fields } = startupSummary({
      ...FACTS,
      demoSignIn: false,
      demoDataLoaded: false,
      databaseSource: 'MONGODB_URI',
      databaseUri: 'mongodb://admin:s3cret-pass@db1:27017,db2:27017/?replicaSet=rs0&authSource=admin',
    });
    assert.doesNotMatch(text, /Sign in|s3cret|admin|replicaSet/);
    assert.equal(fields.data, 'mongodb://db1:27017,db2:27017/concordia');
    assert.equal(fields.signIn, undefined);
    assert.equal(
      displayDatabaseUri('mongodb+srv://u:p@cluster.example.net/app?retryWrites=true', 'concordia'),
      'mongodb+srv://cluster.example.net/concordia',
    );
  });
});

describe('the output of the server process at start', function () {
  this.timeout(180_000);

  it('in development: the summary and readable lines, no JSON, audit heads or request lines', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-summary-'));
    const server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'true', LOG_LEVEL: 'info' });
    try {
      await fetch(`${server.url}/api/v1/hubs`);
      await fetch(`${server.url}/`);
      const output = server.output();
      const port = new URL(server.url).port;
      assert.match(output, new RegExp(`^Concordia is listening on http://127\\.0\\.0\\.1:${port}$`, 'm'));
      assert.match(output, /^ {2}Sign in {2}\S+\/sign-in, pick any demo person in any role/m);
      assert.ok(
        output.includes(`  Data     ${dataDir} (embedded FerretDB on SQLite, demo data loaded)`),
        output,
      );
      assert.doesNotMatch(output, /^\{/m, 'no JSON lines');
      assert.doesNotMatch(output, /audit appended|auditHead/);
      assert.doesNotMatch(output, /\/api\/v1\/hubs/, 'no request lines at info');
      assert.ok(output.trim().split('\n').length <= 10, `short:\n${output}`);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('in production: JSON lines only, the summary as one of them without credentials', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-summary-prod-'));
    const server = await startServer({
      ...PRODUCTION_SECRETS,
      NODE_ENV: 'production',
      MONGODB_URI: testDatabaseUri(),
      DB_NAME: `summary_${process.pid}`,
      SESSION_SECRET: 'a'.repeat(48),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    try {
      await fetch(`${server.url}/api/v1/hubs`);
      const lines = server.output().trim().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const summary = entries.find((e) => String(e.msg).startsWith('Concordia is listening on'));
      assert.ok(summary, server.output());
      assert.equal(summary.level, 30);
      assert.equal(summary.data, displayDatabaseUri(testDatabaseUri(), `summary_${process.pid}`));
      assert.equal(summary.signIn, undefined, 'no demo sign-in in production');
      assert.ok(!entries.some((e) => e.path === '/api/v1/hubs'), 'request lines are debug');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
