/** WebAuthn challenges in the session: one purpose, one person, single use, expiring. */
import assert from 'node:assert/strict';
import type { Request } from 'express';
import { keepChallenge, takeChallenge } from '../../../../server/auth/local/webauthnChallenge.js';
import { WEBAUTHN_CHALLENGE_MS } from '../../../../server/policy/secondFactor.js';

/** A request with just enough of express-session for the challenge store (saving is immediate). */
function requestWithSession(): Request {
  const session = { save: (done: (e?: unknown) => void) => done() };
  return { session } as unknown as Request;
}

describe('WebAuthn challenges in the session', () => {
  it('gives the challenge back once, for its purpose and person', async () => {
    const req = requestWithSession();
    await keepChallenge(req, 'second_factor', 'abc', 'p1');
    assert.equal(await takeChallenge(req, 'second_factor', 'p1'), 'abc');
    assert.equal(await takeChallenge(req, 'second_factor', 'p1'), null, 'used once');
  });

  it('refuses (and discards) a challenge for another purpose or person', async () => {
    const req = requestWithSession();
    await keepChallenge(req, 'register', 'abc', 'p1');
    assert.equal(await takeChallenge(req, 'passkey', null), null);
    assert.equal(await takeChallenge(req, 'register', 'p1'), null, 'discarded by the wrong attempt');
    await keepChallenge(req, 'register', 'def', 'p1');
    assert.equal(await takeChallenge(req, 'register', 'p2'), null);
  });

  it('refuses an expired challenge', async () => {
    const req = requestWithSession();
    await keepChallenge(req, 'passkey', 'abc', null);
    assert.equal(await takeChallenge(req, 'passkey', null, Date.now() + WEBAUTHN_CHALLENGE_MS + 1), null);
  });
});
