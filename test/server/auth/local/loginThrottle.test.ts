import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import {
  clearAccountFailures,
  isLocked,
  recordAccountFailure,
} from '../../../../server/auth/local/loginThrottle.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';

describe('account lock-out with back-off', () => {
  it('locks after five failures, doubling the lock with each further failure, up to an hour', async () => {
    const credential = await LocalCredentialModel.create({
      personId: new Types.ObjectId(),
      email: 'backoff@test.example',
    });
    const lockMinutes: number[] = [];
    for (let i = 1; i <= 12; i++) {
      await recordAccountFailure(credential._id);
      const stored = await LocalCredentialModel.findById(credential._id).lean();
      lockMinutes.push(
        stored?.lockedUntil ? Math.round((stored.lockedUntil.getTime() - Date.now()) / 60_000) : 0,
      );
    }
    assert.deepEqual(lockMinutes, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
    await clearAccountFailures(credential._id);
    const cleared = await LocalCredentialModel.findById(credential._id).lean();
    assert.equal(cleared?.failedAttempts, 0);
    assert.equal(isLocked(cleared?.lockedUntil), false);
  });
});
