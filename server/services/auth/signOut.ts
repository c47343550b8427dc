/** Sign-out and sign-out everywhere; both disconnect the sessions' sockets and are audited. */
import type { Request } from 'express';
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { destroySession } from '../../auth/sessions.js';
import { UnauthenticatedError } from '../../errors.js';
import type { Config } from '../../config.js';
import { samlFor } from '../../auth/saml/samlFor.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';

/** The provider's single-logout URL for a SAML session (null when it has none). */
async function samlLogoutUrl(req: Request, config: Config): Promise<string | null> {
  const saml = req.session?.saml;
  if (req.session?.method !== 'saml' || !saml) return null;
  const idp = await IdentityProviderModel.findOne({ slug: saml.idp, status: 'active' }).lean();
  if (!idp?.sloUrl) return null;
  const profile = {
    issuer: spUrls(config, idp.slug).entityId,
    nameID: saml.nameId,
    nameIDFormat: saml.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    ...(saml.sessionIndex ? { sessionIndex: saml.sessionIndex } : {}),
  };
  return (await samlFor(config, idp)).getLogoutUrlAsync(profile, '/', {});
}

/**
 * Ends the request's session. Signing out without a session is harmless. For SAML sessions whose
 * provider has single logout, returns the URL that ends the provider's session too.
 */
export async function signOut(actor: Actor, req: Request, config: Config): Promise<string | null> {
  if (!req.session?.personId) return null;
  const logoutUrl = await samlLogoutUrl(req, config).catch(() => null);
  await destroySession(req);
  await recordAudit(
    actor,
    'auth.signed_out',
    actor.kind === 'person' ? { type: 'Person', id: actor.id } : null,
  );
  return logoutUrl;
}

/** Ends every session of the signed-in person, on every device; returns how many ended. */
export async function signOutEverywhere(actor: Actor, req: Request): Promise<number> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const own = req.session?.personId ? 1 : 0;
  if (own) await destroySession(req);
  const ended = own + (await endPersonSessions(actor.id));
  await recordAudit(
    actor,
    'auth.signed_out_everywhere',
    { type: 'Person', id: actor.id },
    { sessions: ended },
  );
  return ended;
}
