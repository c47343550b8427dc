/**
 * What every SCIM request carries once its token is checked: the identity provider (and so the city)
 * it speaks for, the token used, and the base URL resources are located under. Every read and write
 * of the SCIM services is scoped by this provider: a token cannot name another provider's records.
 */
import type { OperatorActor } from '../../../shared/policy/actor.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { recordAudit, type AuditTarget } from '../../audit/recordAudit.js';
import { auditOutboxItem } from '../../audit/auditOutbox.js';
import type { AuditOutboxItem } from '../../models/auditOutbox.js';

/** The context of one authenticated SCIM request. */
export interface ScimContext {
  idp: IdentityProviderDoc;
  tokenId: string;
  tokenPrefix: string;
  /** e.g. https://concordia.example/scim/v2 */
  baseUrl: string;
}

/** The actor a provider's directory acts as, named after the provider (e.g. `scim:paris-entra`). */
export function scimActor(ctx: ScimContext): OperatorActor {
  return { kind: 'operator', name: `scim:${ctx.idp.slug}` };
}

/** The scope every SCIM query of this context adds: its provider and its city. */
export function scope(ctx: ScimContext): {
  idpId: IdentityProviderDoc['_id'];
  cityId: IdentityProviderDoc['cityId'];
} {
  return { idpId: ctx.idp._id, cityId: ctx.idp.cityId };
}

/** Records a SCIM change with the provider as the actor and the token's prefix. */
export function auditScim(
  ctx: ScimContext,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): Promise<number> {
  return recordAudit(scimActor(ctx), action, target, {
    idp: ctx.idp.slug,
    token: ctx.tokenPrefix,
    ...details,
  });
}

/** The same entry as {@link auditScim}, pending, to store with the change it records (auditOutbox.ts). */
export function scimOutboxItem(
  ctx: ScimContext,
  action: string,
  target: AuditTarget,
  details: Record<string, unknown> = {},
): AuditOutboxItem {
  return auditOutboxItem(scimActor(ctx), action, target, {
    idp: ctx.idp.slug,
    token: ctx.tokenPrefix,
    ...details,
  });
}
