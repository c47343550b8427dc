/**
 * Who may enrol a security key or passkey now: a person with a local account who signed in within the
 * last minutes (recentSignIn.ts), or one who
 * passed their password (and, if they had one, their second factor) and must enrol before their
 * session begins.
 */
import type { Request } from 'express';
import type { Actor } from '../../../../shared/policy/actor.js';
import { LocalCredentialModel, type LocalCredentialDoc } from '../../../models/LocalCredential.js';
import { PersonModel, type PersonDoc } from '../../../models/Person.js';
import { InvalidError, UnauthenticatedError } from '../../../errors.js';
import { PENDING_SECOND_FACTOR_MS } from '../../../policy/secondFactor.js';
import { requireRecentSignIn } from './recentSignIn.js';

/** The person enrolling, their local credential, and whether this is the pending sign-in's enrolment. */
export interface Enrolling {
  person: PersonDoc;
  credential: LocalCredentialDoc;
  pending: boolean;
}

/** Finds who is enrolling, or refuses. */
export async function enrollingPerson(actor: Actor, req: Request): Promise<Enrolling> {
  let personId: string;
  let pending = false;
  if (actor.kind === 'person') {
    requireRecentSignIn(req);
    personId = actor.id;
  } else {
    const waiting = req.session?.pendingSecondFactor;
    if (!waiting?.enrol || Date.now() - waiting.at > PENDING_SECOND_FACTOR_MS)
      throw new UnauthenticatedError();
    personId = waiting.personId;
    pending = true;
  }
  const [person, credential] = await Promise.all([
    PersonModel.findById(personId).lean() as Promise<PersonDoc | null>,
    LocalCredentialModel.findOne({ personId }).lean() as Promise<LocalCredentialDoc | null>,
  ]);
  if (!person || person.status !== 'active') throw new UnauthenticatedError();
  if (!credential?.passwordHash)
    throw new InvalidError('Only Concordia accounts use security keys here; your city signs you in.', [], {
      reason: 'webauthn_local_only',
    });
  return { person, credential, pending };
}
