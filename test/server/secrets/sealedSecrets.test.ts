import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  SealedSecretError,
  configureDataKeys,
  isSealed,
  openSecret,
  rewrapSealed,
  sealSecret,
  sealedKeyId,
} from '../../../server/secrets/sealedSecrets.js';

const oldKey = { id: 'k1', key: randomBytes(32) };
const newKey = { id: 'k2', key: randomBytes(32) };

describe('sealed secrets (envelope encryption under DATA_ENCRYPTION_KEY)', () => {
  after(() => configureDataKeys([{ id: 'test', key: Buffer.alloc(32, 7) }])); // TEST_DATA_KEY again

  it('seals so that neither the secret nor its data key appears, and opens it again in its own context', () => {
    configureDataKeys([oldKey]);
    const secret = 'JBSWY3DPEHPK3PXP';
    const sealed = sealSecret(secret, 'totp:abc');
    assert.ok(isSealed(sealed));
    assert.ok(!sealed.includes(secret));
    assert.ok(!sealed.includes(Buffer.from(secret).toString('base64url')));
    assert.equal(sealedKeyId(sealed), 'k1');
    assert.equal(openSecret(sealed, 'totp:abc'), secret);
    assert.notEqual(sealSecret(secret, 'totp:abc'), sealed, 'a fresh data key and IV each time');
  });

  it('refuses a sealed value moved to another context, tampered with, or malformed', () => {
    configureDataKeys([oldKey]);
    const sealed = sealSecret('s3cret', 'sp-key:1');
    assert.throws(() => openSecret(sealed, 'sp-key:2'), SealedSecretError);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4]!.split('.')[1]!, 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = `${parts[4]!.split('.')[0]}.${body.toString('base64url')}`;
    assert.throws(() => openSecret(parts.join(':'), 'sp-key:1'), SealedSecretError);
    // Relabelling the wrap with another key id is caught too (the id is the wrap's associated data).
    configureDataKeys([oldKey, { id: 'k9', key: oldKey.key }]);
    assert.throws(() => openSecret(sealed.replace(':k1:', ':k9:'), 'sp-key:1'), SealedSecretError);
    for (const bad of ['', 'plain', 'sealed:v1:k1', 'sealed:v1:k1:a.b:c', 'sealed:v1:k1:a:b:c:d'])
      assert.throws(() => openSecret(bad, 'sp-key:1'), SealedSecretError);
    assert.equal(isSealed('JBSWY3DPEHPK3PXP'), false);
    assert.equal(isSealed(null), false);
  });

  it('rotates without downtime: both keys open, the new one seals, rewrap moves old values to it', () => {
    configureDataKeys([oldKey]);
    const before = sealSecret('rotating', 'totp:r');
    configureDataKeys([newKey, oldKey]);
    assert.equal(openSecret(before, 'totp:r'), 'rotating', 'old values still open during the change');
    assert.equal(sealedKeyId(sealSecret('x', 'totp:r')), 'k2');
    const rewrapped = rewrapSealed(before);
    assert.equal(sealedKeyId(rewrapped), 'k2');
    assert.equal(rewrapSealed(rewrapped), rewrapped, 'idempotent');
    configureDataKeys([newKey]);
    assert.equal(openSecret(rewrapped, 'totp:r'), 'rotating');
    assert.throws(() => openSecret(before, 'totp:r'), /not in DATA_ENCRYPTION_KEY/);
  });

  it('refuses a keyring without a 32-byte key', () => {
    assert.throws(() => configureDataKeys([]), /DATA_ENCRYPTION_KEY/);
    assert.throws(() => configureDataKeys([{ id: 'short', key: randomBytes(16) }]), /DATA_ENCRYPTION_KEY/);
  });
});
