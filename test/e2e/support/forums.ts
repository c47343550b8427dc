/**
 * Forum fixtures for the browser tests, made through the real API with API tokens the real admin
 * command line creates (beside the demo data's forums): a hub forum for East and Southern Africa
 * (ceiling AMBER, default GREEN) and a network-wide forum under the Chatham House Rule, each with a
 * category. Also signs people in through
 * the development identity provider (Nairobi): a demo person by name, or a newcomer.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { admin } from './admin.js';

/** The e2e server as the helpers need it. */
export interface ServerRef {
  baseUrl: string;
  dataDir: string;
}

/** The forums the tests use. */
export const HUB_FORUM = {
  slug: 'esa-exchange',
  name: 'East and Southern Africa exchange',
  category: 'practice',
};
export const NETWORK_FORUM = {
  slug: 'chatham-forum',
  name: 'Network forum under Chatham House',
  category: 'general',
};
export const WANJIRU = { name: 'Wanjiru Kamau', email: 'focal@nairobi.demo.concordia.example' };

const tokens = new Map<string, string>();

/** An API token for the person with `email` (one per test run and person). */
export async function tokenFor(server: ServerRef, email: string): Promise<string> {
  let token = tokens.get(email);
  if (!token) {
    token = (
      await admin<{ token: string }>(server, ['token', 'create', email, '--label', 'e2e', '--days', '1'])
    ).token;
    tokens.set(email, token);
  }
  return token;
}

/** Calls the API with a bearer token; returns the status and the JSON body. */
export async function api<T = unknown>(
  server: ServerRef,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.baseUrl}/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as T };
}

/** Calls the API and fails unless the status is 2xx (or 409: already there). */
async function ensure(server: ServerRef, token: string, method: string, path: string, body?: unknown) {
  const result = await api(server, token, method, path, body);
  assert.ok(
    (result.status >= 200 && result.status < 300) || result.status === 409,
    `${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`,
  );
  return result;
}

let ready: Promise<void> | null = null;

/**
 * Creates the two forums and their categories once per run, and makes Wanjiru Kamau (Nairobi's focal
 * point) a moderator of both.
 */
export function setUpForums(server: ServerRef): Promise<void> {
  ready ??= (async () => {
    const token = await tokenFor(server, 'admin@demo.concordia.example');
    await ensure(server, token, 'POST', '/spaces', {
      slug: HUB_FORUM.slug,
      name: HUB_FORUM.name,
      kind: 'hub',
      hub: 'east-southern-africa',
      ceiling: 'AMBER',
      defaultLabel: 'GREEN',
    });
    await ensure(server, token, 'POST', '/spaces', {
      slug: NETWORK_FORUM.slug,
      name: NETWORK_FORUM.name,
      kind: 'network',
      ceiling: 'GREEN',
      defaultLabel: 'GREEN',
      chathamHouse: true,
    });
    await ensure(server, token, 'POST', `/spaces/${HUB_FORUM.slug}/forum/categories`, {
      slug: HUB_FORUM.category,
      name: 'Practice exchange',
      description: 'What worked, what did not, in our cities.',
    });
    await ensure(server, token, 'POST', `/spaces/${NETWORK_FORUM.slug}/forum/categories`, {
      slug: NETWORK_FORUM.category,
      name: 'General discussion',
    });
    const people = await api<{ items: { id: string; name: string }[] }>(
      server,
      token,
      'GET',
      '/people?city=nairobi&limit=100',
    );
    const wanjiru = people.body.items.find((p) => p.name === WANJIRU.name);
    assert.ok(wanjiru, 'Wanjiru Kamau is in the demo data');
    for (const forum of [HUB_FORUM, NETWORK_FORUM]) {
      await ensure(server, token, 'POST', `/spaces/${forum.slug}/members`, {
        person: wanjiru.id,
        role: 'moderator',
      });
    }
  })();
  return ready;
}

/**
 * Signs in through Nairobi's development identity provider and comes back to `returnTo`: as the demo
 * person named `who.name`, or (with `who.email`) as a newcomer.
 */
export async function signInThroughNairobi(
  page: Page,
  baseUrl: string,
  returnTo: string,
  who: { name: string; email?: string },
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  await page.getByRole('link', { name: /Nairobi/ }).click();
  await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
  if (who.email) {
    await page.getByLabel('Name').fill(who.name);
    await page.getByLabel('E-mail').fill(who.email);
    await page.getByRole('button', { name: 'Sign in as a newcomer' }).click();
  } else {
    await page.getByRole('button', { name: who.name }).click();
  }
  await page.waitForURL(`${baseUrl}${returnTo}`);
  await page.getByRole('banner').getByRole('link', { name: who.name }).waitFor();
}

/** The hub of {@link HUB_FORUM}. */
export const HUB = 'east-southern-africa';

/**
 * Makes the person signed in on `page` a coordinator of {@link HUB} (through the admin API: no global
 * role is given) and returns how to put the hub's coordinators back as they were.
 */
export async function makeHubCoordinator(server: ServerRef, page: Page): Promise<() => Promise<void>> {
  const me = await page.evaluate(
    async () => ((await (await fetch('/api/v1/me')).json()) as { person: { id: string } }).person.id,
  );
  const token = await tokenFor(server, 'admin@demo.concordia.example');
  const hub = await api<{ coordinators?: { id: string }[] }>(server, token, 'GET', `/hubs/${HUB}`);
  assert.equal(hub.status, 200, JSON.stringify(hub.body));
  const before = (hub.body.coordinators ?? []).map((c) => c.id);
  await ensure(server, token, 'PATCH', `/hubs/${HUB}`, { coordinatorIds: [...before, me] });
  return async () => {
    await ensure(server, token, 'PATCH', `/hubs/${HUB}`, { coordinatorIds: before });
  };
}
