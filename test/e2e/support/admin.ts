/**
 * Runs the real admin command line (`server/admin/cli.ts`) against the e2e server's database: with the
 * same DATA_DIR it reuses the running server's embedded database instead of starting its own.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);

/** The environment without SMTP_URL, so that the command prints links instead of mailing them. */
function withoutSmtp(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.SMTP_URL;
  return rest;
}

/** Runs `admin <args>` with `--json` and returns the parsed output. */
export async function admin<T>(server: { baseUrl: string; dataDir: string }, args: string[]): Promise<T> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'server/admin/cli.ts', ...args, '--json'],
    {
      cwd: ROOT,
      env: {
        ...withoutSmtp(process.env),
        NODE_ENV: 'development',
        DATA_DIR: server.dataDir,
        // Links the command prints point at the e2e server.
        PUBLIC_URL: server.baseUrl,
        LOG_LEVEL: 'warn',
      },
      timeout: 60_000,
    },
  );
  return JSON.parse(stdout) as T;
}

/** Invites the person with `email` to set a local password; returns the printed invitation link. */
export async function inviteLink(
  server: { baseUrl: string; dataDir: string },
  email: string,
): Promise<string> {
  const result = await admin<{ sent: boolean; link: string | null }>(server, ['account', 'invite', email]);
  if (!result.link) throw new Error('The invitation was e-mailed instead of printed (SMTP_URL is set).');
  return result.link;
}
