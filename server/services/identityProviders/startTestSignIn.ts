/**
 * Starts a test sign-in (admins, and a city's focal point for their own provider): an AuthnRequest
 * with the provider's real settings, recorded as a test, so that its answer is validated exactly as
 * a sign-in but signs nobody in. The actor's browser goes to `url`; the ACS records the outcome and
 * sends the browser back to the provider's page, which reads it with {@link getTestSignIn}.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../shared/policy/actor.js';
import type { Config } from '../../config.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { REQUEST_LIFETIME_MS } from '../../auth/saml/samlFor.js';
import { startTestLogin } from '../../auth/saml/testLogin.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { IdpTestSignInModel } from '../../models/IdpTestSignIn.js';
import { authorize, can } from '../../policy/authorize.js';
import { ConflictError, NotFoundError } from '../../errors.js';

/** Records the test and returns where to send the browser. */
export async function startTestSignIn(actor: Actor, slug: string, config: Config) {
  const doc = await IdentityProviderModel.findOne({ slug }).lean();
  if (!doc || !can(actor, 'read', 'IdentityProvider', doc)) throw new NotFoundError('Identity provider');
  await authorize(actor, 'update', 'IdentityProvider', doc);
  if (doc.status !== 'active')
    throw new ConflictError('Enable the identity provider before testing it.', {
      reason: 'idp_disabled',
    });
  const now = new Date();
  await IdpTestSignInModel.deleteMany({ idpId: doc._id, expiresAt: { $lte: now } });
  const { url, requestId } = await startTestLogin(config, doc);
  const id = randomBytes(18).toString('base64url');
  await IdpTestSignInModel.create({
    _id: id,
    idpId: doc._id,
    requestId,
    startedBy: actor.kind === 'person' ? actor.id : actor.kind,
    status: 'pending',
    createdAt: now,
    expiresAt: new Date(now.getTime() + REQUEST_LIFETIME_MS),
  });
  await recordAudit(
    actor,
    'idp.test_started',
    { type: 'IdentityProvider', id: String(doc._id), label: doc.slug },
    { test: id },
  );
  return { id, url };
}
