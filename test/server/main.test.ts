import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { obtainDatabase } from '../../server/db/launcher.js';
import { runAdmin, startServer } from '../support/serverProcess.js';

const run = promisify(execFile);

async function json(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: { items?: { slug: string }[] } & Record<string, unknown> }> {
  const res = await fetch(url, init);
  return {
    status: res.status,
    body: (await res.json()) as { items?: { slug: string }[] } & Record<string, unknown>,
  };
}

describe('the server process (npm start)', function () {
  this.timeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-main-'));
  const env = { DATA_DIR: dataDir, DEMO_DATA: 'true' };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts with the embedded database and demo data, obeys the admin CLI, stops on SIGTERM, and keeps data across a restart', async () => {
    const first = await startServer(env);
    const hubs = await json(`${first.url}/api/v1/hubs`);
    assert.equal(hubs.status, 200);
    assert.equal(hubs.body.items?.length, 5);
    const cities = await json(`${first.url}/api/v1/cities?limit=100`);
    assert.ok((cities.body.items?.length ?? 0) >= 8);
    assert.ok(!cities.body.items?.some((c) => c.slug === 'denver'), 'the demo applicant is not public');

    const created = await runAdmin(
      ['hub', 'create', '--slug', 'latin-america', '--name', 'Latin America', '--name-es', 'América Latina'],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /created hub latin-america/);
    const people = await runAdmin(['person', 'list', '--role', 'admin', '--json'], env);
    assert.equal(people.code, 0, people.stderr);
    assert.equal(
      (JSON.parse(people.stdout) as { email: string }[])[0]?.email,
      'admin@demo.concordia.example',
    );
    const refused = await runAdmin(['hub', 'create', '--slug', 'Not A Slug', '--name', 'x'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /slug: lower-case letters/);

    const stopped = await first.stop();
    assert.equal(stopped.code, 0, first.output());
    assert.ok(stopped.ms < 10_000, `stopped in ${stopped.ms} ms`);
    const { stdout: leftovers } = await run('pgrep', ['-f', `sqlite-url=file:${dataDir}`]).catch(() => ({
      stdout: '',
    }));
    assert.equal(leftovers.trim(), '', 'the database child stopped with the server');

    const second = await startServer(env);
    const again = await json(`${second.url}/api/v1/hubs`);
    assert.equal(
      again.body.items?.length,
      6,
      'the hub made before the restart is still there, and demo data was not loaded twice',
    );
    const verify = await runAdmin(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /audit chain intact: \d+ entries verified/);
    assert.equal((await second.stop()).code, 0);
  });

  it('stops at once with a message naming a bad setting', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, ...env, PORT: 'eighty' },
    }).catch((e: { code: number; stderr: string }) => e);
    assert.equal((result as { code: number }).code, 2);
    assert.match((result as { stderr: string }).stderr, /PORT: a port number/);
  });

  it('names a port already in use, exits 1 and leaves no database child behind', async () => {
    const portDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-port-'));
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const result = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, DATA_DIR: portDir, DEMO_DATA: 'false', HOST: '127.0.0.1', PORT: String(port) },
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      assert.equal((result as { code: number }).code, 1);
      const output = `${(result as { stdout: string }).stdout}${(result as { stderr: string }).stderr}`;
      assert.match(output, new RegExp(`127\\.0\\.0\\.1:${port} is already in use; set PORT`));
      const { stdout: leftovers } = await run('pgrep', ['-f', `sqlite-url=file:${portDir}`]).catch(() => ({
        stdout: '',
      }));
      assert.equal(leftovers.trim(), '', 'the database child stopped with the server');
    } finally {
      taken.close();
      rmSync(portDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without its secrets', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, SESSION_SECRET: '' },
    }).catch((e: { code: number; stderr: string }) => e);
    assert.equal((result as { code: number }).code, 2);
    assert.match((result as { stderr: string }).stderr, /SESSION_SECRET/);
  });
});

describe('the server process and its database going away', function () {
  this.timeout(120_000);

  it('answers /readyz 503 when the database at MONGODB_URI stops answering', async () => {
    const dbDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-extdb-'));
    const external = await obtainDatabase({
      mongodbUri: undefined,
      dataDir: dbDir,
      ferretdbBin: undefined,
      progress: () => undefined,
    });
    const server = await startServer({
      MONGODB_URI: external.uri,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'concordia-ext-')),
      DEMO_DATA: 'false',
    });
    try {
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      await external.stop();
      const res = await fetch(`${server.url}/readyz`);
      assert.equal(res.status, 503);
      assert.deepEqual(await res.json(), { status: 'unavailable', database: 'unreachable' });
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200, 'the process itself is still up');
    } finally {
      await server.stop();
      rmSync(dbDir, { recursive: true, force: true });
    }
  });

  it('reports a crashed embedded database and exits non-zero', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-crash-'));
    const server = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'false', LOG_LEVEL: 'info' });
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const { stdout } = await run('pgrep', ['-f', `sqlite-url=file:${dataDir}`]);
    for (const pid of stdout.trim().split('\n')) process.kill(Number(pid), 'SIGKILL');
    assert.equal(await exited, 1);
    assert.match(server.output(), /the embedded database stopped; shutting down/);
    assert.match(server.output(), /FerretDB exited unexpectedly/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('a server killed without a chance to stop its database', function () {
  this.timeout(120_000);

  it('has its orphaned database child stopped by the next start, so one folder never has two', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-orphan-'));
    const pids = async () =>
      (await run('pgrep', ['-f', `sqlite-url=file:${dataDir}`]).catch(() => ({ stdout: '' }))).stdout
        .trim()
        .split('\n')
        .filter(Boolean);
    const first = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'false' });
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    // The orphan usually outlives its server; it may also exit by itself at its next log line (its
    // output pipe is gone), which a loaded machine reaches before this check.
    const orphans = await pids();
    assert.ok(orphans.length <= 1, `one database child at most: ${orphans.join(', ')}`);

    const second = await startServer({ DATA_DIR: dataDir, DEMO_DATA: 'false' });
    const running = await pids();
    assert.equal(running.length, 1, 'exactly one database serves the folder');
    for (const orphan of orphans) assert.ok(!running.includes(orphan), 'the orphan was stopped');
    assert.equal((await second.stop()).code, 0);
    assert.deepEqual(await pids(), []);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
