/** Reads a test sign-in's outcome (those who may test the provider; others get "not found"). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { TestSignIn } from '../../../shared/schemas/identityProviders.js';
import type { Role } from '../../../shared/roles.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { IdpTestSignInModel } from '../../models/IdpTestSignIn.js';
import { can } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';

/** The test `testId` of provider `slug`, as its page shows it. */
export async function getTestSignIn(
  actor: Actor,
  slug: string,
  testId: string,
): Promise<z.infer<typeof TestSignIn>> {
  const doc = await IdentityProviderModel.findOne({ slug }).lean();
  if (!doc || !can(actor, 'update', 'IdentityProvider', doc)) throw new NotFoundError('Test sign-in');
  const test = await IdpTestSignInModel.findOne({ _id: testId, idpId: doc._id }).lean();
  if (!test) throw new NotFoundError('Test sign-in');
  const status = test.status === 'pending' && test.expiresAt <= new Date() ? 'failed' : test.status;
  return {
    id: test._id,
    idp: doc.slug,
    status: status as 'pending' | 'succeeded' | 'failed',
    reason:
      status === 'failed' && test.status === 'pending' ? 'expired: no answer came' : (test.reason ?? null),
    nameId: test.nameId ?? null,
    nameIdFormat: test.nameIdFormat ?? null,
    attributes: test.attributes.map((a) => ({ name: a.name, values: [...a.values] })),
    outcome: test.outcome
      ? {
          email: test.outcome.email ?? null,
          name: test.outcome.name ?? null,
          position: test.outcome.position ?? null,
          department: test.outcome.department ?? null,
          groups: [...test.outcome.groups],
          roles: test.outcome.roles as Role[],
        }
      : null,
    createdAt: test.createdAt.toISOString(),
    completedAt: test.completedAt ? test.completedAt.toISOString() : null,
  };
}
