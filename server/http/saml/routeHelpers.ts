/** What the SAML routes share: the provider of the path, safe return addresses, audit reasons. */
import type { Request, Response } from 'express';
import { sendProblem } from '../problem.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { SamlRefusal, type SamlRefusalCode } from '../../auth/saml/checkResponse.js';
import { findActiveProvider } from '../../auth/saml/findActiveProvider.js';
import { UnsafeXmlError } from '../../auth/saml/safeXml.js';

const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]{0,500}$/;

/** A path on our own site, or '/'. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && RETURN_TO.test(value) ? value : '/';
}

/** The active provider named by the path (`:idp`); answers 404 and returns null when there is none. */
export async function activeProvider(req: Request, res: Response): Promise<IdentityProviderDoc | null> {
  const idp = await findActiveProvider(String(req.params.idp ?? ''));
  if (!idp) sendProblem(res, 'not_found', 'There is no such identity provider.');
  return idp;
}

/** What the person is told about a refusal: our own code, or one read from node-saml's message. */
export function refusalCode(error: unknown): SamlRefusalCode {
  if (error instanceof SamlRefusal) return error.code;
  const message = error instanceof Error ? error.message : '';
  if (/InResponseTo is missing/.test(message)) return 'unsolicited';
  if (/InResponseTo is not valid|InResponseTo/.test(message)) return 'request_expired';
  if (/SAML provider returned/.test(message)) return 'idp_status';
  return 'invalid_response';
}

/** The short reason of a refusal, for the audit log. */
export function reasonOf(error: unknown): string {
  if (error instanceof SamlRefusal || error instanceof UnsafeXmlError) return error.message;
  if (error instanceof Error) return `validation: ${error.message}`.slice(0, 300);
  return 'unknown';
}
