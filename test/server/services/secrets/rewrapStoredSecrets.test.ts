import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';
import {
  configureDataKeys,
  openSecret,
  sealSecret,
  sealedKeyId,
} from '../../../../server/secrets/sealedSecrets.js';
import { rewrapStoredSecrets } from '../../../../server/services/secrets/rewrapStoredSecrets.js';
import { OPERATOR } from '../../../support/fixtures.js';

describe('rewrapStoredSecrets (secrets rewrap after a key rotation)', () => {
  const oldKey = { id: 'old', key: randomBytes(32) };
  const newKey = { id: 'new', key: randomBytes(32) };
  after(() => configureDataKeys([{ id: 'test', key: Buffer.alloc(32, 7) }])); // TEST_DATA_KEY again

  it('re-wraps every stored secret under the new key, once, and audits the run', async () => {
    configureDataKeys([oldKey]);
    const id = new Types.ObjectId();
    const sealed = sealSecret('TOTPSECRET', `totp:${String(id)}`);
    await LocalCredentialModel.create({
      _id: id,
      personId: new Types.ObjectId(),
      email: `rewrap-${String(id)}@example.org`,
      totpSecret: sealed,
    });

    configureDataKeys([newKey, oldKey]);
    const first = await rewrapStoredSecrets(OPERATOR);
    assert.ok((first.find((o) => o.model === 'LocalCredential')?.rewrapped ?? 0) >= 1);
    const stored = await LocalCredentialModel.findById(id).lean();
    assert.equal(sealedKeyId(stored?.totpSecret ?? ''), 'new');

    configureDataKeys([newKey]);
    assert.equal(openSecret(stored?.totpSecret ?? '', `totp:${String(id)}`), 'TOTPSECRET');
    const again = await rewrapStoredSecrets(OPERATOR);
    assert.equal(again.find((o) => o.model === 'LocalCredential')?.rewrapped, 0);
    assert.ok(await AuditEntryModel.exists({ action: 'secrets.rewrapped' }));
  });
});
