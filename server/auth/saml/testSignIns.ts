/**
 * What the ACS needs to tell a test sign-in from a sign-in, and to keep what a provider sent: the
 * pending test of a request id, its outcome, and each provider's last observed attributes.
 */
import type { Types } from 'mongoose';
import { IdpLastSignInModel } from '../../models/IdpLastSignIn.js';
import { IdpTestSignInModel, type IdpTestSignInDoc } from '../../models/IdpTestSignIn.js';
import type { ObservedAttribute } from './observedAttributes.js';

/** What a successful test established: what was sent and what the person would be given. */
export interface TestOutcome {
  nameId: string;
  nameIdFormat: string | null;
  attributes: ObservedAttribute[];
  outcome: {
    email: string | null;
    name: string | null;
    position: string | null;
    department: string | null;
    groups: string[];
    roles: string[];
  };
}

/** The pending test sign-in that our request `requestId` to provider `idpId` started, or null. */
export async function pendingTestSignIn(
  idpId: Types.ObjectId | string,
  requestId: string | null,
): Promise<IdpTestSignInDoc | null> {
  if (!requestId) return null;
  return IdpTestSignInModel.findOne({
    idpId,
    requestId,
    status: 'pending',
    expiresAt: { $gt: new Date() },
  }).lean();
}

/** Records a test's success (once: only a pending test changes). */
export async function completeTestSignIn(testId: string, result: TestOutcome): Promise<void> {
  await IdpTestSignInModel.updateOne(
    { _id: testId, status: 'pending' },
    { $set: { status: 'succeeded', completedAt: new Date(), reason: null, ...result } },
  );
}

/** Records why a test failed (once: only a pending test changes). */
export async function failTestSignIn(testId: string, reason: string): Promise<void> {
  await IdpTestSignInModel.updateOne(
    { _id: testId, status: 'pending' },
    { $set: { status: 'failed', completedAt: new Date(), reason: reason.slice(0, 300) } },
  );
}

/** Keeps what the provider sent at this validated sign-in, replacing the previous one. */
export async function rememberLastSignIn(
  idpId: Types.ObjectId,
  observed: { test: boolean; nameIdFormat: string | null; attributes: ObservedAttribute[] },
): Promise<void> {
  await IdpLastSignInModel.updateOne(
    { _id: idpId },
    { $set: { at: new Date(), ...observed } },
    { upsert: true },
  );
}
