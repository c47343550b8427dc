/**
 * Rollover of our own SAML keys (the service provider's signing and encryption key pairs), for
 * admins and the operator: list the published certificates, publish a next key beside the current one
 * (every provider's SP metadata then carries both, so each city's IdP can take the new key in
 * advance), and promote it (the old key is retired: no longer published, signing or decrypting).
 * Each step is audited.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ServiceProviderKeyModel } from '../../models/ServiceProviderKey.js';
import {
  addNextSpKey,
  promoteNextSpKey,
  publishedSpCertificates,
  type SpKeyUse,
} from '../../auth/saml/spKeys.js';
import { authorize } from '../../policy/authorize.js';
import { SERVICE_PROVIDER, presentSpCertificates } from './presentIdentityProvider.js';

/** Deployment-wide: only those who may change any provider's settings (admins, the operator). */
async function authorizeSpKeys(actor: Actor): Promise<void> {
  await authorize(actor, 'update', 'IdentityProvider', SERVICE_PROVIDER, 'spKeys');
}

/** Our published certificates (current, and next during a rollover). */
export async function listSpKeys(actor: Actor) {
  await authorizeSpKeys(actor);
  return presentSpCertificates(await publishedSpCertificates());
}

/** Publishes a next key of `use` beside the current one. */
export async function publishNextSpKey(actor: Actor, use: SpKeyUse) {
  await authorizeSpKeys(actor);
  // The key is stored with its entry (server/audit/auditOutbox.ts).
  const made = await addNextSpKey(use, (id) =>
    auditOutboxItem(actor, 'sp_key.next_published', { type: 'ServiceProviderKey', id }, { use }),
  );
  await flushAuditOutbox(ServiceProviderKeyModel as never, made.id);
  return listSpKeys(actor);
}

/** Makes the next key of `use` current; the old one is retired. */
export async function promoteSpKey(actor: Actor, use: SpKeyUse) {
  await authorizeSpKeys(actor);
  // The write that makes the next key current carries the entry (server/audit/auditOutbox.ts).
  const promoted = await promoteNextSpKey(use, (id, retired) =>
    auditOutboxItem(actor, 'sp_key.promoted', { type: 'ServiceProviderKey', id }, { use, retired }),
  );
  await flushAuditOutbox(ServiceProviderKeyModel as never, promoted.id);
  return listSpKeys(actor);
}
