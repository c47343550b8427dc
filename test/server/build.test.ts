import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../server/db/childProcess.js';
import { PRODUCTION_SECRETS } from '../support/app.js';
import { testDatabaseUri } from '../support/database.js';

const run = promisify(execFile);

describe('the compiled server (the Dockerfile start command)', function () {
  this.timeout(120_000);

  it('builds with tsc, starts in production mode with `node dist/server/main.js`, serves, and stops on SIGTERM', async () => {
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-prod-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/server/main.js'], {
      env: {
        ...process.env,
        ...PRODUCTION_SECRETS,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        MONGODB_URI: testDatabaseUri(),
        DB_NAME: `prod_${process.pid}`,
        SESSION_SECRET: 'a'.repeat(48),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      let ready = false;
      for (let i = 0; i < 150 && !ready && child.exitCode === null; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (!ready) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(ready, `not ready: ${output}`);
      const hubs = await fetch(`http://127.0.0.1:${port}/api/v1/hubs`);
      assert.equal(hubs.status, 200);
      assert.deepEqual(((await hubs.json()) as { items: unknown[] }).items, [], 'no demo data in production');
      const csp =
        (await fetch(`http://127.0.0.1:${port}/healthz`)).headers.get('content-security-policy') ?? '';
      assert.match(csp, /upgrade-insecure-requests/);
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('imports at run time only production dependencies (what `npm prune --omit=dev` keeps in the image)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const production = new Set(Object.keys(pkg.dependencies));
    const builtins = new Set(builtinModules);
    // Value imports, re-exports and requires of packages; `import type` vanishes in the build.
    const bare =
      /^\s*(?:import(?!\s+type\b)[^'"]*?\bfrom\s+|import\s+|export\s[^'"]*?\bfrom\s+)['"]([^'"./][^'"]*)['"]|(?:require|createRequire\([^)]*\))\(\s*['"]([^'"./][^'"]*)['"]/gm;
    const missing: string[] = [];
    for (const root of ['server', 'shared'])
      for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
        if (!file.endsWith('.ts')) continue;
        const source = readFileSync(path.join(root, file), 'utf8');
        for (const match of source.matchAll(bare)) {
          const name = (match[1] ?? match[2] ?? '').replace(/^node:/, '');
          const parts = name.split('/');
          const packageName = name.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
          if (builtins.has(packageName) || production.has(packageName)) continue;
          missing.push(`${path.join(root, file)} imports ${packageName}`);
        }
      }
    assert.deepEqual(missing, [], 'these packages must be in "dependencies", not "devDependencies"');
  });
});
