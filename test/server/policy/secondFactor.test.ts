/** Who must hold which second factor, and when one may be removed. */
import assert from 'node:assert/strict';
import {
  mayRemoveFactor,
  requiresSecondFactor,
  requiresWebAuthn,
} from '../../../server/policy/secondFactor.js';

describe('second-factor policy', () => {
  it('requires a second factor of admins, moderators and experts only', () => {
    assert.equal(requiresSecondFactor(['admin']), true);
    assert.equal(requiresSecondFactor(['practitioner', 'expert']), true);
    assert.equal(requiresSecondFactor(['partner_observer']), false);
  });

  it('requires a WebAuthn credential only of the configured roles (none by default)', () => {
    assert.equal(requiresWebAuthn(['admin'], []), false);
    assert.equal(requiresWebAuthn(['admin'], ['admin', 'moderator']), true);
    assert.equal(requiresWebAuthn(['expert'], ['admin', 'moderator']), false);
  });

  it('never removes the last factor a role requires', () => {
    assert.equal(mayRemoveFactor(['expert'], [], { totp: false, webauthn: 1 }, 'webauthn'), false);
    assert.equal(mayRemoveFactor(['expert'], [], { totp: true, webauthn: 1 }, 'webauthn'), true);
    assert.equal(mayRemoveFactor(['expert'], [], { totp: false, webauthn: 2 }, 'webauthn'), true);
    assert.equal(mayRemoveFactor(['admin'], ['admin'], { totp: true, webauthn: 1 }, 'webauthn'), false);
    assert.equal(mayRemoveFactor(['admin'], ['admin'], { totp: true, webauthn: 1 }, 'totp'), true);
    assert.equal(mayRemoveFactor(['partner_observer'], [], { totp: false, webauthn: 1 }, 'webauthn'), true);
  });
});
