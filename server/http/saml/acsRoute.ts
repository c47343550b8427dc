/**
 * POST /auth/saml/:idp/acs: the provider's answer (HTTP-POST binding). The message is refused unless
 * it is safe XML (no DTD, strict parsing) before any library parses it; passport's MultiSamlStrategy
 * then validates it with node-saml and runs our checks in its verify callback (samlStrategy.ts); the
 * route starts our own session under a new id and audits the outcome. The ACS is a cross-site POST,
 * so the session cookie is not there: the answer is matched to our request by InResponseTo, stored in
 * the database, and must come back through the browser that started it (the login-binding cookie,
 * cleared here whatever the outcome). The answer to an admin's test sign-in (our request recorded as a
 * test) signs nobody in: its outcome is stored for the admin, who is sent back to the provider's page.
 * A refusal is audited with its reason; a browser is sent back to the sign-in page with a code it
 * translates (`/sign-in?samlError=<code>`), other clients get problem+json with that code.
 */
import type { Request, Response } from 'express';
import type { Config } from '../../config.js';
import { carriesLoginBinding, clearLoginBindingCookie } from '../../auth/saml/loginBinding.js';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { sendProblem } from '../problem.js';
import { personActor } from '../../policy/personActor.js';
import { beginSession, destroySession } from '../../auth/sessions.js';
import { SamlRefusal } from '../../auth/saml/checkResponse.js';
import { activeProvider, reasonOf, refusalCode, safeReturnTo } from './routeHelpers.js';
import { decodeSamlMessage, parseStrictXml } from '../../auth/saml/safeXml.js';
import type { SamlPassport } from '../../auth/saml/samlPassport.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { completeTestSignIn, failTestSignIn, pendingTestSignIn } from '../../auth/saml/testSignIns.js';

/** The admin page that shows a test sign-in's outcome. */
function testResultPath(slug: string, testId: string): string {
  return `/admin/identity-providers/${encodeURIComponent(slug)}?test=${encodeURIComponent(testId)}`;
}

/** Whether the ACS was reached by a browser's form post (it is then sent to a page, not given JSON). */
function fromBrowser(req: Request): boolean {
  return /\btext\/html\b/.test(req.get('accept') ?? '');
}

/** The ACS handler. */
export function acsRoute(saml: SamlPassport, config: Config) {
  return async (req: Request, res: Response): Promise<void> => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    if (carriesLoginBinding(req.headers.cookie))
      res.append('Set-Cookie', clearLoginBindingCookie(config, idp.slug));
    const target = { type: 'IdentityProvider', id: String(idp._id), label: idp.slug };
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Read before validation only to report a failed test sign-in to the admin who started it.
    let claimedInResponseTo: string | null = null;
    // Fail closed: a sign-in whose audit entry cannot be written does not stay signed in.
    let sessionBegun = false;
    try {
      if (typeof body.SAMLResponse !== 'string') throw new SamlRefusal('no SAMLResponse');
      const raw = parseStrictXml(decodeSamlMessage(body.SAMLResponse));
      claimedInResponseTo = raw.documentElement?.getAttribute('InResponseTo') || null;
      const signIn = await saml.signIn(req, res, body.SAMLResponse);
      if (!signIn) throw new SamlRefusal('no profile');
      if (String(signIn.idp._id) !== String(idp._id)) throw new SamlRefusal('identity provider changed');
      if (signIn.usedSha1)
        await recordAudit(ANONYMOUS, 'idp.sha1_used', target, {
          test: signIn.kind === 'test',
          ...(signIn.kind === 'signIn' ? { person: String(signIn.person._id) } : {}),
        });
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
      sessionBegun = true;
      const personTarget = { type: 'Person', id: actor.id };
      // person.provisioned and person.roles_changed are stored with the person's write
      // (server/auth/saml/provisionPerson.ts, the audit outbox).
      if (!created && rolesBefore && [...rolesBefore].sort().join() !== [...person.roles].sort().join())
        // The person's other open sockets re-check their rooms under the new roles.
        emitAccessEvent({ personId: actor.id });
      await recordAudit(actor, 'auth.signed_in', personTarget, { method: 'saml', idp: idp.slug });
      res.redirect(303, safeReturnTo(body.RelayState));
    } catch (error) {
      if (sessionBegun) await destroySession(req).catch(() => undefined);
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
      const code = refusalCode(error);
      await recordAudit(ANONYMOUS, 'auth.sign_in_failed', target, {
        method: 'saml',
        reason: reasonOf(error),
        code,
      });
      if (fromBrowser(req)) {
        res.redirect(303, `/sign-in?samlError=${code}`);
        return;
      }
      sendProblem(res, 'unauthenticated', 'Sign-in through the identity provider failed.', undefined, {
        reason: `saml_${code}`,
      });
    }
  };
}
