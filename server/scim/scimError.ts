/**
 * SCIM errors (RFC 7644 §3.12): an HTTP status and, where the RFC names one, a `scimType`. The SCIM
 * router renders them as `application/scim+json` error messages; nothing else crosses that wire.
 */

/** The `scimType` values of RFC 7644 table 9 that this server uses. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** The URN of a SCIM error message. */
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** An error answered in the SCIM error format. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

/** 400 with a scimType: the request is wrong in a way the RFC names. */
export function badRequest(scimType: ScimType, message: string): ScimError {
  return new ScimError(400, message, scimType);
}

/** 404: no such resource for this token (another provider's resources are "not found" too). */
export function notFound(what: string): ScimError {
  return new ScimError(404, `${what} not found`);
}

/** The body of a SCIM error response. */
export function errorBody(error: ScimError): Record<string, unknown> {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.message,
  };
}
