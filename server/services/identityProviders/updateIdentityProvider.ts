/**
 * Changes a provider: new metadata (pasted or from its URL), certificate rollover (add a signing
 * certificate beside the current ones, later remove the old one), maps, status (disable/enable).
 */
import { X509Certificate } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { IdentityProviderUpdate } from '../../../shared/schemas/identityProviders.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { Config } from '../../config.js';
import { toPem } from '../../auth/saml/parseIdpMetadata.js';
import { IdentityProviderModel } from '../../models/IdentityProvider.js';
import { authorize, can } from '../../policy/authorize.js';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.js';
import { endProviderSessions } from '../../auth/endSessions.js';
import { getIdentityProvider } from './listIdentityProviders.js';
import { metadataLimits, resolveEndpoints } from './resolveEndpoints.js';

const ENDPOINT_FIELDS = new Set([
  'metadataXml',
  'metadataUrl',
  'entityId',
  'ssoUrl',
  'sloUrl',
  'certificates',
  'addCertificates',
  'removeCertificates',
]);

/** The certificates after a rollover step: added ones kept beside the current, removed ones by fingerprint. */
function rolledOver(current: string[], add: string[] = [], remove: string[] = []): string[] {
  const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;
  const unknown = remove.filter((f) => !current.some((pem) => fingerprint(pem) === f));
  if (unknown.length > 0)
    throw new InvalidError('A certificate to remove is not registered.', [
      { path: 'removeCertificates', message: 'unknown fingerprint' },
    ]);
  const kept = current.filter((pem) => !remove.includes(fingerprint(pem)));
  const next = [...new Set([...kept, ...add.map(toPem)])];
  if (next.length === 0)
    throw new ConflictError('A provider needs at least one signing certificate: add the new one first.', {
      reason: 'last_certificate',
    });
  if (next.length > 5)
    throw new InvalidError('A provider may have at most five certificates.', [
      { path: 'addCertificates', message: 'at most five in all' },
    ]);
  return next;
}

/** Applies the change and records which fields changed. */
export async function updateIdentityProvider(
  actor: Actor,
  slug: string,
  input: z.infer<typeof IdentityProviderUpdate>,
  config: Config,
) {
  const doc = await IdentityProviderModel.findOne({ slug }).lean();
  if (!doc || !can(actor, 'read', 'IdentityProvider', doc)) throw new NotFoundError('Identity provider');
  // Asked before any metadata is fetched.
  await authorize(actor, 'update', 'IdentityProvider', doc);
  const settings = Object.fromEntries(Object.entries(input).filter(([key]) => !ENDPOINT_FIELDS.has(key)));
  const changes: Record<string, unknown> = {
    ...settings,
    ...(await resolveEndpoints(input, metadataLimits(config))),
  };
  if (input.addCertificates || input.removeCertificates)
    changes.certificates = rolledOver(
      (changes.certificates as string[] | undefined) ?? [...doc.certificates],
      input.addCertificates,
      input.removeCertificates,
    );
  for (const field of Object.keys(changes)) await authorize(actor, 'update', 'IdentityProvider', doc, field);
  const action = input.status === 'disabled' ? 'idp.disabled' : 'idp.updated';
  const target = { type: 'IdentityProvider', id: String(doc._id), label: doc.slug };
  const details = (sessionsEnded: number | null) => ({
    fields: Object.keys(changes),
    sessionsEnded,
    ...(input.allowSha1 !== undefined ? { allowSha1: input.allowSha1 } : {}),
    ...(changes.certificates ? { certificates: (changes.certificates as string[]).length } : {}),
  });
  const disabling = input.status === 'disabled';
  // The change and its entry are stored together (server/audit/auditOutbox.ts). Disabling ends the
  // provider's sessions after the write, and the entry says how many: it is stored with the change
  // (sessionsEnded unknown: null) and completed once they are ended, before it is appended.
  const entry = auditOutboxItem(actor, action, target, details(disabling ? null : 0));
  await IdentityProviderModel.updateOne({ _id: doc._id }, { $set: changes, ...auditOutboxPush(entry) });
  if (disabling) {
    // A disabled provider is no longer trusted: everyone it signed in is signed out at once.
    const sessionsEnded = await endProviderSessions(doc.slug);
    // The item is replaced whole, and only while it is the one pending, so no other entry is lost.
    await IdentityProviderModel.updateOne(
      { _id: doc._id, auditOutbox: { $size: 1 }, 'auditOutbox.id': entry.id } as never,
      { $set: { auditOutbox: [{ ...entry, details: details(sessionsEnded) }] } } as never,
    );
  }
  await flushAuditOutbox(IdentityProviderModel as never, doc._id);
  return getIdentityProvider(actor, slug, config);
}
