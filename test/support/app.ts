/** Builds a real app for supertest, with test settings (quiet logs, limits high unless a test lowers them). */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import type request from 'supertest';
import type { MailMessage, Mailer } from '../../server/auth/mailer.js';
import { createApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';

/** The data key of every test app (DATA_ENCRYPTION_KEY): a fixed test value, never used outside tests. */
export const TEST_DATA_KEY = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** The audit key of every test app (AUDIT_KEY): a fixed test value, never used outside tests. */
export const TEST_AUDIT_KEY = 'test-audit-key-'.padEnd(40, 'k');

/** The configuration tests use; `overrides` are environment variables. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'concordia-test-data-')),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
    RATE_LIMIT_PUBLIC_FORMS_PER_HOUR: '100000',
    // One data key for the whole run (not one per data directory), so secrets sealed under one test app
    // open under the next.
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    // One audit key for the whole run, so the chain verifies across the apps a test makes.
    AUDIT_KEY: TEST_AUDIT_KEY,
    // A separate client build (e.g. one per parallel worker): CLIENT_DIR=/tmp/my-dist.
    ...(process.env.CLIENT_DIR ? { CLIENT_DIR: process.env.CLIENT_DIR } : {}),
    ...overrides,
  });
}

/**
 * The secrets production refuses to start without, for tests that run in production mode (each test
 * adds what it checks). Test values only: never used outside tests.
 */
export const PRODUCTION_SECRETS: Record<string, string> = {
  SESSION_SECRET: 's'.repeat(40),
  DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
  AUDIT_KEY: 'a'.repeat(40),
};

/** A fresh app over the shared test database; `mailer` keeps messages instead of sending them. */
export function testApp(overrides: Record<string, string> = {}, deps: { mailer?: Mailer } = {}): Express {
  const config = testConfig(overrides);
  return createApp({ config, logger: createLogger(config.logLevel), ...deps });
}

/** A mailer that keeps what it is asked to send. */
export function captureMailer(): { mailer: Mailer; messages: MailMessage[] } {
  const messages: MailMessage[] = [];
  return {
    messages,
    mailer: {
      send(message) {
        messages.push(message);
        return Promise.resolve();
      },
    },
  };
}

/** The token of the last link sent to `to`. */
export function lastLinkToken(messages: MailMessage[], to: string): string {
  const message = messages.filter((m) => m.to === to).at(-1);
  const token = message ? /#token=([A-Za-z0-9_-]+)/.exec(message.link)?.[1] : undefined;
  if (!token) throw new Error(`no link sent to ${to}`);
  return token;
}

/** Sends a state-changing JSON request the way the web client does: with the session's CSRF token. */
export async function postWithCsrf(
  agent: request.Agent,
  path: string,
  body: object = {},
): Promise<request.Response> {
  const csrf = await agent.get('/api/v1/csrf').expect(200);
  return agent
    .post(path)
    .set('X-CSRF-Token', csrf.body.csrfToken as string)
    .send(body);
}
