/**
 * Keycloak, a third-party SAML identity provider, for the tests: the server distribution that
 * scripts/keycloak/install.sh unpacked into .cache/keycloak/ (never downloaded here), started in
 * development mode on 127.0.0.1 and a free port, with an in-memory database and the test realm
 * (test/support/keycloak/realm.json) imported at start. Each start gets its own home folder (the
 * distribution's files linked in, its own data/), so runs do not share state. Stopped by `stop()`,
 * and killed when the test process exits in any case.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/db/childProcess.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The version scripts/keycloak/install.sh installs (KEYCLOAK_VERSION overrides both). */
export const KEYCLOAK_VERSION = process.env.KEYCLOAK_VERSION ?? '26.5.6';
const DIST = path.join(ROOT, '.cache', 'keycloak', `keycloak-${KEYCLOAK_VERSION}`);
const REALM_FILE = fileURLToPath(new URL('./keycloak/realm.json', import.meta.url));
const READY_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 20_000;
const MIN_JAVA = 21;

/** The realm imported at start (test/support/keycloak/realm.json). */
export const KEYCLOAK_REALM = 'lyon';
/** The realm's user, as realm.json defines them (Keycloak stores the e-mail in lower case). */
export const KEYCLOAK_USER = {
  username: 'kim.nguyen',
  password: 'a Keycloak test passphrase',
  email: 'kim.nguyen@lyon.example',
  firstName: 'Kim',
  lastName: 'Nguyen',
};

/** Our service provider as Keycloak's SAML client knows it. */
export interface KeycloakClientOf {
  /** Our SP entity id (the client id). */
  entityId: string;
  /** Our assertion consumer service URL. */
  acsUrl: string;
  /** Our single logout URL (HTTP-Redirect binding). */
  sloUrl: string;
  /**
   * Our AuthnRequest signing certificate (PEM or base64 DER), from our SP metadata: Keycloak then
   * requires every AuthnRequest to be signed by it. Without one, Keycloak does not check signatures.
   */
  signingCertificate?: string;
}

/** A running Keycloak. */
export interface RunningKeycloak {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The realm's SAML IdP metadata (descriptor) URL. */
  metadataUrl: string;
  /** Milliseconds from spawn until the realm's metadata answered. */
  startedInMs: number;
  /** The last lines Keycloak wrote, for failure messages. */
  output: () => string;
  /** Stops Keycloak and removes its home folder. */
  stop: () => Promise<void>;
}

/** The distribution's folder, or an error that says how to install it. */
export function keycloakDistribution(): string {
  if (!existsSync(path.join(DIST, 'bin', 'kc.sh')) || !existsSync(path.join(DIST, '.installed'))) {
    throw new Error(
      `Keycloak ${KEYCLOAK_VERSION} is not installed in ${path.relative(ROOT, DIST)}. ` +
        'Run scripts/keycloak/install.sh once (it downloads the distribution from Maven Central); ' +
        'the tests never download it.',
    );
  }
  return DIST;
}

function javaMajor(home: string): number {
  try {
    const release = readFileSync(path.join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1] ?? '';
    const major = Number(version.startsWith('1.') ? version.split('.')[1] : version.split('.')[0]);
    return existsSync(path.join(home, 'bin', 'java')) && Number.isFinite(major) ? major : 0;
  } catch {
    return 0;
  }
}

/** A JDK Keycloak runs on: JAVA_HOME if recent enough, else the newest in /usr/lib/jvm. */
export function keycloakJavaHome(): string {
  const candidates = [
    ...(process.env.JAVA_HOME ? [process.env.JAVA_HOME] : []),
    ...(existsSync('/usr/lib/jvm')
      ? readdirSync('/usr/lib/jvm').map((d) => path.join('/usr/lib/jvm', d))
      : []),
  ]
    .map((home) => ({ home, major: javaMajor(home) }))
    .filter((c) => c.major >= MIN_JAVA)
    .sort((a, b) => b.major - a.major);
  const chosen = candidates.find((c) => c.home === process.env.JAVA_HOME) ?? candidates[0];
  if (!chosen)
    throw new Error(
      `Keycloak ${KEYCLOAK_VERSION} needs Java ${MIN_JAVA} or later: set JAVA_HOME to such a JDK.`,
    );
  return chosen.home;
}

/** A home folder of its own: the distribution linked in, the realm to import in data/import. */
function homeFolder(dist: string): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'concordia-keycloak-'));
  mkdirSync(path.join(home, 'bin'));
  // kc.sh finds its home from where it is: a copy (not a link) makes this folder the home.
  cpSync(path.join(dist, 'bin', 'kc.sh'), path.join(home, 'bin', 'kc.sh'));
  for (const part of ['lib', 'conf', 'themes', 'providers'])
    symlinkSync(path.join(dist, part), path.join(home, part));
  mkdirSync(path.join(home, 'data', 'import'), { recursive: true });
  cpSync(REALM_FILE, path.join(home, 'data', 'import', 'realm.json'));
  return home;
}

function keepTail(lines: string[], chunk: Buffer): void {
  lines.push(...chunk.toString('utf8').split('\n'));
  if (lines.length > 80) lines.splice(0, lines.length - 80);
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The process's children (Linux /proc): kc.sh runs java as its child. */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * Signals kc.sh and the java it runs. kc.sh forwards SIGTERM to java and waits for it; SIGKILL
 * (the last resort) is sent to both, as kc.sh could not forward it.
 */
function signal(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  const pids = name === 'SIGKILL' ? [...childPids(child.pid), child.pid] : [child.pid];
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts Keycloak with the test realm, whose SAML client is our service provider `sp`. Resolves once
 * the realm's metadata answers; fails with Keycloak's last lines if it exits or takes too long.
 */
export async function startKeycloak(sp: KeycloakClientOf): Promise<RunningKeycloak> {
  const dist = keycloakDistribution();
  const javaHome = keycloakJavaHome();
  const home = homeFolder(dist);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const metadataUrl = `${url}/realms/${KEYCLOAK_REALM}/protocol/saml/descriptor`;
  const began = Date.now();
  const child = spawn(
    'bash',
    [
      path.join(home, 'bin', 'kc.sh'),
      'start-dev',
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
      '--db=dev-mem',
      '--import-realm',
      '--log-level=warn,io.quarkus:info,org.keycloak.services:info',
    ],
    {
      cwd: home,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? home,
        JAVA_HOME: javaHome,
        JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx768m',
        // Java 24 and later: JBoss threads resets thread locals only with this (it logs a failure without).
        JAVA_OPTS_APPEND: '--add-opens=java.base/java.lang=ALL-UNNAMED',
        // Placeholders in realm.json, resolved by Keycloak's import.
        CONCORDIA_SP_ENTITY_ID: sp.entityId,
        CONCORDIA_SP_ACS_URL: sp.acsUrl,
        CONCORDIA_SP_SLO_URL: sp.sloUrl,
        CONCORDIA_SP_SIGNS_REQUESTS: sp.signingCertificate ? 'true' : 'false',
        CONCORDIA_SP_SIGNING_CERT: (sp.signingCertificate ?? '').replace(
          /-----(BEGIN|END) CERTIFICATE-----|\s/g,
          '',
        ),
        CONCORDIA_KEYCLOAK_USER_PASSWORD: KEYCLOAK_USER.password,
      },
      // In the test run's process group: an interrupted run (Ctrl-C, a CI watchdog) stops it too.
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => keepTail(tail, chunk));
  child.stderr?.on('data', (chunk: Buffer) => keepTail(tail, chunk));
  const output = () => tail.join('\n').trim();
  const killOnExit = () => signal(child, 'SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    signal(child, 'SIGTERM');
    if (!(await exited(child, STOP_TIMEOUT_MS))) {
      signal(child, 'SIGKILL');
      await exited(child, 5_000);
    }
    process.removeListener('exit', killOnExit);
    child.stdout?.destroy();
    child.stderr?.destroy();
    rmSync(home, { recursive: true, force: true });
  };

  try {
    const deadline = began + READY_TIMEOUT_MS;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(
          `Keycloak exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
        );
      if (Date.now() > deadline)
        throw new Error(`Keycloak was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
      try {
        const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, metadataUrl, startedInMs: Date.now() - began, output, stop };
}
