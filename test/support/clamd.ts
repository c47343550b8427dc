/**
 * A throw-away virus scanner for tests: Debian's `clamd` in the foreground on a free 127.0.0.1 port,
 * with a temporary database directory holding one signature, the EICAR test file's MD5
 * (`Eicar-Test-Signature`), so it starts in a second without the real databases. Its stream size limit
 * can be set low to reach it. It is always killed when the test process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/db/childProcess.js';

/** The EICAR anti-virus test file: 68 harmless bytes every scanner reports. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/**
 * The name clamd reports for EICAR with the test database: clamd adds `.UNOFFICIAL` to signatures
 * from a database that is not signed by ClamAV.
 */
export const EICAR_SIGNATURE = 'Eicar-Test-Signature.UNOFFICIAL';

/** The one signature the test scanner knows: EICAR's MD5, its size and its name. */
const SIGNATURE = '44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature';

/** A clamd the test controls. */
export interface TestClamd {
  /** `tcp://127.0.0.1:<port>`. */
  url: string;
  port: number;
  /** Stops clamd and removes its directory. */
  stop(): Promise<void>;
}

/** Where tests look for clamd; CLAMD_BIN overrides. */
export function clamdBinary(): string {
  return process.env.CLAMD_BIN ?? '/usr/sbin/clamd';
}

/** Throws a clear error when clamd is not installed (the file tests need it; no silent skip). */
export function requireClamd(): void {
  const probe = spawnSync(clamdBinary(), ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `clamd is needed by the file tests and was not found (${clamdBinary()}): ` +
        'install it with `sudo apt-get install clamav-daemon` (or set CLAMD_BIN)',
    );
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Resolves true when clamd on `port` answers zPING with PONG. */
function pongs(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => socket.write('zPING\0'));
    socket.on('data', (data: Buffer) => {
      reply += data.toString('latin1');
      if (reply.includes('\0')) done(reply.startsWith('PONG'));
    });
    socket.once('error', () => done(false));
    socket.once('end', () => done(reply.startsWith('PONG')));
  });
}

/**
 * Starts clamd for the test run (`streamMaxLength`, clamd's StreamMaxLength, is 25M by default);
 * `signatures` adds MD5 signature lines (`md5:size:Name`) to EICAR's.
 */
export async function startTestClamd(
  options: { streamMaxLength?: string; signatures?: string[] } = {},
): Promise<TestClamd> {
  requireClamd();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-test-clamd-'));
  const databaseDir = path.join(dir, 'db');
  mkdirSync(databaseDir);
  writeFileSync(
    path.join(databaseDir, 'test.hdb'),
    [SIGNATURE, ...(options.signatures ?? [])].join('\n') + '\n',
  );
  const port = await freePort();
  const config = path.join(dir, 'clamd.conf');
  const log = path.join(dir, 'clamd.log');
  // No `User`: clamd keeps the user it was started as (root in CI), which can read the temp files.
  writeFileSync(
    config,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${databaseDir}`,
      `TemporaryDirectory ${dir}`,
      `LogFile ${log}`,
      'LogSyslog no',
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      'MaxThreads 4',
      `StreamMaxLength ${options.streamMaxLength ?? '25M'}`,
      'SelfCheck 0',
      'Bytecode no',
      '',
    ].join('\n'),
  );
  const child = spawn(clamdBinary(), ['--foreground', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );

  const deadline = Date.now() + 30_000;
  while (!(await pongs(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      let logText = '';
      try {
        logText = readFileSync(log, 'utf8').slice(-2000);
      } catch {
        // no log yet
      }
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`clamd did not answer on port ${port}: ${output}\n${logText}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url: `tcp://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
