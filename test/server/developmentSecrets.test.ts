import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { developmentSecret } from '../../server/developmentSecrets.js';

const ENTRY = fileURLToPath(new URL('./children/developmentSecretEntry.ts', import.meta.url));
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'concordia-secrets-'));

function runChild(dataDir: string, startAt: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, dataDir, String(startAt)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as string[]) : reject(new Error(`child exited ${code}: ${err}`)),
    );
  });
}

describe('development secrets shared by processes on one DATA_DIR', () => {
  it('gives every process started at once the same secrets, and a whole file', async () => {
    const dir = tmp();
    const startAt = Date.now() + 4000;
    const answers = await Promise.all(Array.from({ length: 6 }, () => runChild(dir, startAt)));
    for (const answer of answers) assert.deepEqual(answer, answers[0]);
    const stored = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual([stored.sessionSecret, stored.auditKey, stored.dataEncryptionKey], answers[0]);
    assert.equal(existsSync(path.join(dir, 'secrets.json.lock')), false, 'the lock is released');
  });

  it('refuses a damaged file by name instead of replacing the secrets it held', () => {
    const dir = tmp();
    const file = path.join(dir, 'secrets.json');
    writeFileSync(file, '{"sessionSecret": "cut off');
    assert.throws(() => developmentSecret(dir), /secrets\.json is not a JSON object of secrets/);
    assert.equal(readFileSync(file, 'utf8'), '{"sessionSecret": "cut off');
  });

  it('takes over a lock left by a process that died holding it', () => {
    const dir = tmp();
    const lock = path.join(dir, 'secrets.json.lock');
    writeFileSync(lock, '');
    const past = new Date(Date.now() - 60_000);
    utimesSync(lock, past, past);
    assert.ok(developmentSecret(dir).length >= 32);
    assert.equal(existsSync(lock), false);
  });
});
