/**
 * Our SAML key pairs (ServiceProviderKey): the current signing and encryption keys, made on first
 * need, and the rollover steps. During a rollover a `next` key is published beside the current one in
 * every provider's SP metadata (so each city's IdP can learn it in advance); promotion makes it current
 * and retires the old one (no longer published, signing or decrypting). Private keys are sealed at rest
 * and opened here, only when a key ring is loaded.
 *
 * No transactions: promotion retires the current key, then promotes the next one. A crash between the
 * two leaves no current key and a next one; the next load finishes the promotion.
 */
import { Types } from 'mongoose';
import { ConflictError, isDuplicateKey } from '../../errors.js';
import { ServiceProviderKeyModel, type ServiceProviderKeyDoc } from '../../models/ServiceProviderKey.js';
import type { AuditOutboxItem } from '../../models/auditOutbox.js';
import { openSecret, sealSecret } from '../../secrets/sealedSecrets.js';
import { makeSelfSignedKeyPair } from './selfSignedCert.js';

/** What a key is for. */
export type SpKeyUse = 'signing' | 'encryption';

/** A usable key: its certificate and (opened) private key. */
export interface SpKey {
  id: string;
  use: SpKeyUse;
  state: 'current' | 'next';
  certificate: string;
  privateKey: string;
}

/** The keys in use: for each use the current key first, then the next one while a rollover runs. */
export interface SpKeyRing {
  signing: SpKey[];
  encryption: SpKey[];
}

/** How long a certificate we make stays valid (the IdPs only take its key). */
const CERT_DAYS = 10 * 365;

const context = (id: Types.ObjectId | string) => `sp-key:${String(id)}`;

async function createKey(
  use: SpKeyUse,
  state: 'current' | 'next',
  entry?: (id: string) => AuditOutboxItem,
): Promise<ServiceProviderKeyDoc | null> {
  const _id = new Types.ObjectId();
  const pair = makeSelfSignedKeyPair(`Concordia SAML ${use}`, CERT_DAYS);
  try {
    const doc = new ServiceProviderKeyModel({
      _id,
      use,
      state,
      slot: `${use}:${state}`,
      certificate: pair.certificate,
      privateKey: sealSecret(pair.privateKey, context(_id)),
    });
    // The audit entry of a key made on request is stored with it (server/audit/auditOutbox.ts).
    if (entry) doc.set('auditOutbox', [entry(String(_id))]);
    await doc.save();
    const made = doc.toObject() as ServiceProviderKeyDoc;
    delete (made as { auditOutbox?: unknown }).auditOutbox;
    return made;
  } catch (error) {
    // Another request (or node) made it at the same moment: theirs stands.
    if (isDuplicateKey(error)) return null;
    throw error;
  }
}

/** Makes `next` the current key (the old current already retired, or being retired here). */
async function promote(use: SpKeyUse, entry?: AuditOutboxItem): Promise<void> {
  const current = await ServiceProviderKeyModel.findOne({ slot: `${use}:current` }).lean();
  if (current)
    await ServiceProviderKeyModel.updateOne(
      { _id: current._id, slot: `${use}:current` },
      { $set: { state: 'retired', slot: `retired:${String(current._id)}`, retiredAt: new Date() } },
    );
  // The write that makes the next key current carries the step's audit entry, if any.
  await ServiceProviderKeyModel.updateOne(
    { slot: `${use}:next` },
    {
      $set: { state: 'current', slot: `${use}:current`, promotedAt: new Date() },
      ...(entry ? { $push: { auditOutbox: entry } } : {}),
    },
  );
}

/** The current and next key documents of one use, making the current one on first need. */
async function keysOf(use: SpKeyUse): Promise<ServiceProviderKeyDoc[]> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const docs = await ServiceProviderKeyModel.find({ use, state: { $in: ['current', 'next'] } }).lean();
    const current = docs.find((d) => d.state === 'current');
    const next = docs.find((d) => d.state === 'next');
    if (current) return next ? [current, next] : [current];
    if (next) await promote(use);
    else {
      const made = await createKey(use, 'current');
      if (made) return [made];
    }
  }
  throw new Error(`no current SAML ${use} key`);
}

function open(doc: ServiceProviderKeyDoc): SpKey {
  return {
    id: String(doc._id),
    use: doc.use as SpKeyUse,
    state: doc.state as 'current' | 'next',
    certificate: doc.certificate,
    privateKey: openSecret(doc.privateKey, context(doc._id)),
  };
}

/** The key ring (current keys made on first need). */
export async function loadSpKeys(): Promise<SpKeyRing> {
  const [signing, encryption] = await Promise.all([keysOf('signing'), keysOf('encryption')]);
  return { signing: signing.map(open), encryption: encryption.map(open) };
}

/** The published certificates (no private key opened), for the admin pages. */
export async function publishedSpCertificates(): Promise<
  { use: SpKeyUse; state: 'current' | 'next'; certificate: string }[]
> {
  const docs = [...(await keysOf('signing')), ...(await keysOf('encryption'))];
  return docs.map((d) => ({
    use: d.use as SpKeyUse,
    state: d.state as 'current' | 'next',
    certificate: d.certificate,
  }));
}

/** Rollover step one: a new key published beside the current one. Conflict if one is already next. */
export async function addNextSpKey(
  use: SpKeyUse,
  entry?: (id: string) => AuditOutboxItem,
): Promise<{ id: string; certificate: string }> {
  await keysOf(use);
  const made = await createKey(use, 'next', entry);
  if (!made)
    throw new ConflictError('A next key is already published: promote it first.', {
      reason: 'next_key_exists',
    });
  return { id: String(made._id), certificate: made.certificate };
}

/** Rollover step two: the next key becomes current; the old current one is retired and unpublished. */
export async function promoteNextSpKey(
  use: SpKeyUse,
  entry?: (id: string, retired: string | null) => AuditOutboxItem,
): Promise<{ id: string; retired: string | null }> {
  const next = await ServiceProviderKeyModel.findOne({ slot: `${use}:next` }).lean();
  if (!next) throw new ConflictError('There is no next key to promote.', { reason: 'no_next_key' });
  const current = await ServiceProviderKeyModel.findOne({ slot: `${use}:current` }).lean();
  const retired = current ? String(current._id) : null;
  await promote(use, entry?.(String(next._id), retired));
  return { id: String(next._id), retired };
}
