/**
 * Helpers for the rooms end-to-end tests: signing in through the development identity provider (a
 * demo person or a newcomer of the demo city), a local account set up from an invitation, and
 * rooms created over the real API with an admin's API token made by the real admin command line.
 */
import type { Page } from 'playwright-core';
import { admin, inviteLink } from './admin.js';

/** The server the helpers talk to. */
export interface E2eServer {
  baseUrl: string;
  dataDir: string;
}

/** A room as POST /api/v1/spaces answers. */
export interface CreatedRoom {
  id: string;
  slug: string;
  name: string;
}

const ADMIN = 'admin@demo.concordia.example';
const adminTokens = new Map<string, string>();

/** An API token of the demo admin (made once per server and run with `admin token create`). */
async function token(server: E2eServer): Promise<string> {
  let made = adminTokens.get(server.baseUrl);
  if (!made) {
    made = (await admin<{ token: string }>(server, ['token', 'create', ADMIN, '--label', 'e2e rooms'])).token;
    adminTokens.set(server.baseUrl, made);
  }
  return made;
}

/** Calls the API as the demo admin; throws with the problem document on failure. */
export async function adminApi<T>(
  server: E2eServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(server)}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Creates a room (a space) of the East and Southern Africa hub, open to its cities' people. */
export async function createHubRoom(
  server: E2eServer,
  options: { name: string; chathamHouse?: boolean; ceiling?: string; defaultLabel?: string },
): Promise<CreatedRoom> {
  const slug = `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`;
  return adminApi<CreatedRoom>(server, 'POST', '/spaces', {
    slug,
    name: options.name,
    kind: 'hub',
    hub: 'east-southern-africa',
    ceiling: options.ceiling ?? 'AMBER',
    defaultLabel: options.defaultLabel ?? 'GREEN',
    chathamHouse: options.chathamHouse ?? false,
  });
}

/**
 * Signs in through the development identity provider of the demo city (Nairobi), as the demo person
 * named `who`, or as a newcomer `{ name, email }`; ends on `returnTo`.
 */
export async function signInAtNairobi(
  page: Page,
  baseUrl: string,
  who: string | { name: string; email: string },
  returnTo: string,
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('link', { name: /Nairobi/ }).click();
  await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
  if (typeof who === 'string') {
    await page.getByRole('button', { name: who }).click();
  } else {
    await page.getByLabel('Name').fill(who.name);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByRole('button', { name: 'Sign in as a newcomer' }).click();
  }
  await page.waitForURL((url) => url.pathname === returnTo);
}

/** Gives `email` a local password (invitation from the admin command line) and signs in with it. */
export async function signInLocally(
  page: Page,
  server: E2eServer,
  email: string,
  returnTo: string,
): Promise<void> {
  const password = 'a long and memorable passphrase';
  const link = await inviteLink(server, email);
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save the password' }).click();
  await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
  await page.goto(`${server.baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === returnTo);
}
