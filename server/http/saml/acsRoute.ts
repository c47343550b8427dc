/**
 * POST /auth/saml/:idp/acs: the provider's answer (HTTP-POST binding). The message is refused unless
 * it is safe XML (no DTD, strict parsing) before any library parses it; passport's MultiSamlStrategy
 * then validates it with node-saml and runs our checks in its verify callback (samlStrategy.ts); the
 * route starts our own session under a new id and audits the outcome. The ACS is a cross-site POST,
 * so the session cookie is not there: the answer is matched to our request by InResponseTo, stored in
 * the database, never by the cookie. The answer to an admin's test sign-in (our request recorded as a
 * test) signs nobody in: its outcome is stored for the admin, who is sent back to the provider's page.
 */
import type { Request, Response } from 'express';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { sendProblem } from '../problem.js';
import { personActor } from '../../policy/personActor.js';
import { beginSession } from '../../auth/sessions.js';
import { SamlRefusal } from '../../auth/saml/checkResponse.js';
import { activeProvider, reasonOf, safeReturnTo } from './routeHelpers.js';
import { decodeSamlMessage, parseStrictXml } from '../../auth/saml/safeXml.js';
import type { SamlPassport } from '../../auth/saml/samlPassport.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { completeTestSignIn, failTestSignIn, pendingTestSignIn } from '../../auth/saml/testSignIns.js';

/** The admin page that shows a test sign-in's outcome. */
function testResultPath(slug: string, testId: string): string {
  return `/admin/identity-providers/${encodeURIComponent(slug)}?test=${encodeURIComponent(testId)}`;
}

/** The ACS handler. */
export function acsRoute(saml: SamlPassport) {
  return async (req: Request, res: Response): Promise<void> => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const target = { type: 'IdentityProvider', id: String(idp._id), label: idp.slug };
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Read before validation only to report a failed test sign-in to the admin who started it.
    let claimedInResponseTo: string | null = null;
    try {
      if (typeof body.SAMLResponse !== 'string') throw new SamlRefusal('no SAMLResponse');
      const raw = parseStrictXml(decodeSamlMessage(body.SAMLResponse));
      claimedInResponseTo = raw.documentElement?.getAttribute('InResponseTo') || null;
      const signIn = await saml.signIn(req, res, body.SAMLResponse);
      if (!signIn) throw new SamlRefusal('no profile');
      if (String(signIn.idp._id) !== String(idp._id)) throw new SamlRefusal('identity provider changed');
      if (signIn.kind === 'test') {
        await completeTestSignIn(signIn.testId, signIn.result);
        await recordAudit(ANONYMOUS, 'idp.test_signed_in', target, {
          test: signIn.testId,
          outcome: 'succeeded',
        });
        res.redirect(303, testResultPath(idp.slug, signIn.testId));
        return;
      }
      const { person, created, rolesBefore, profile } = signIn;
      const actor = personActor(person);
      await beginSession(req, {
        personId: actor.id,
        method: 'saml',
        saml: {
          idp: idp.slug,
          nameId: signIn.nameId,
          nameIdFormat: profile.nameIDFormat ?? null,
          sessionIndex: profile.sessionIndex ?? null,
        },
      });
      const personTarget = { type: 'Person', id: actor.id };
      if (created)
        await recordAudit(actor, 'person.provisioned', personTarget, { idp: idp.slug, roles: person.roles });
      else if (rolesBefore && [...rolesBefore].sort().join() !== [...person.roles].sort().join()) {
        await recordAudit(actor, 'person.roles_changed', personTarget, {
          from: rolesBefore,
          to: person.roles,
          by: `idp:${idp.slug}`,
        });
        // The person's other open sockets re-check their rooms under the new roles.
        emitAccessEvent({ personId: actor.id });
      }
      await recordAudit(actor, 'auth.signed_in', personTarget, { method: 'saml', idp: idp.slug });
      res.redirect(303, safeReturnTo(body.RelayState));
    } catch (error) {
      const test = await pendingTestSignIn(idp._id, claimedInResponseTo);
      if (test) {
        await failTestSignIn(test._id, reasonOf(error));
        await recordAudit(ANONYMOUS, 'idp.test_signed_in', target, {
          test: test._id,
          outcome: 'failed',
          reason: reasonOf(error),
        });
        res.redirect(303, testResultPath(idp.slug, test._id));
        return;
      }
      await recordAudit(ANONYMOUS, 'auth.sign_in_failed', target, {
        method: 'saml',
        reason: reasonOf(error),
      });
      sendProblem(res, 'unauthenticated', 'Sign-in through the identity provider failed.');
    }
  };
}
