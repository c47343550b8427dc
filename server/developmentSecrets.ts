/**
 * Development secrets kept in DATA_DIR/secrets.json, generated on first use so a development server
 * keeps its sessions, keys and audit chain across restarts. Several processes may start on one
 * DATA_DIR at once (two nodes in a test, a server and a script): the file is changed under an
 * exclusive lock file and replaced by rename, so no process ever reads it half written and all of
 * them settle on the same secret.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** A lock older than this was left by a process that died holding it, and is taken over. */
const STALE_LOCK_MS = 10_000;
/** How long to wait for another process's lock before giving up with a clear error. */
const LOCK_WAIT_MS = 15_000;

/**
 * The development secret named `name` in DATA_DIR/secrets.json, generated (`bytes` random bytes,
 * base64url) and stored if absent. Every process asking for the same name gets the same value.
 */
export function developmentSecret(dataDir: string, name = 'sessionSecret', bytes = 48): string {
  const file = path.join(dataDir, 'secrets.json');
  const known = readSecrets(file)[name];
  if (isSecret(known)) return known;
  mkdirSync(dataDir, { recursive: true });
  return withLock(`${file}.lock`, () => {
    const stored = readSecrets(file);
    const found = stored[name];
    if (isSecret(found)) return found;
    const secret = randomBytes(bytes).toString('base64url');
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ ...stored, [name]: secret }, null, 2), { mode: 0o600 });
    renameSync(temporary, file);
    return secret;
  });
}

function isSecret(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 32;
}

function readSecrets(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Reported below with the file's name: a hand-edited file must not silently lose its secrets.
  }
  throw new Error(`${file} is not a JSON object of secrets; repair or remove it`);
}

function withLock<T>(lockFile: string, work: () => T): T {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(lockFile, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockAge(lockFile) > STALE_LOCK_MS) rmSync(lockFile, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`${lockFile} is held by another process; remove it if none runs`, { cause: error });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function lockAge(lockFile: string): number {
  try {
    return Date.now() - statSync(lockFile).mtimeMs;
  } catch {
    return 0;
  }
}
