/** What a provider's single-logout request needs from the database: replay refusal and whose session. */
import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../errors.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { SamlAssertionModel } from '../../models/SamlAssertion.js';
import { SamlRefusal } from './checkResponse.js';

/** Accepts a logout request id once (same replay cache as assertions, kept ten minutes). */
export async function rememberLogoutOnce(key: string): Promise<void> {
  try {
    await SamlAssertionModel.create({ _id: key, expiresAt: new Date(Date.now() + 10 * 60_000) });
  } catch (error) {
    if (isDuplicateKey(error)) throw new SamlRefusal('logout request replayed');
    throw error;
  }
}

/** The person a provider's subject (NameID) names, or null. */
export async function personOfSubject(idpId: Types.ObjectId, subject: string): Promise<string | null> {
  const identity = await PersonIdentityModel.findOne({ idpId, subject }, { personId: 1 }).lean();
  return identity ? String(identity.personId) : null;
}
