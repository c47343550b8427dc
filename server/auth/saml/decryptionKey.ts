/**
 * Which of our encryption keys an encrypted assertion was made for. During a rollover a provider may
 * encrypt for the current or the next key; node-saml takes one decryption key, so the key that opens
 * the EncryptedAssertion is found first (decrypting has no side effect) and given to node-saml.
 * Before any decryption, an assertion encrypted with RSA-1.5 key transport (Bleichenbacher's attack) or
 * 3DES is refused: xml-encryption 3 (pinned by node-saml) would otherwise decrypt it.
 */
import type { Element } from '@xmldom/xmldom';
import { decryptXml } from '@node-saml/node-saml/lib/xml.js';
import { SamlRefusal } from './checkResponse.js';
import { decodeSamlMessage, parseStrictXml } from './safeXml.js';
import type { SpKey } from './spKeys.js';

/** Encryption algorithms no strict service provider decrypts (the W3C's and NIST's deprecations). */
export const INSECURE_ENCRYPTION_ALGORITHMS: ReadonlySet<string> = new Set([
  'http://www.w3.org/2001/04/xmlenc#rsa-1_5',
  'http://www.w3.org/2001/04/xmlenc#tripledes-cbc',
]);

/** Refuses an encrypted assertion any of whose EncryptionMethod elements names an insecure algorithm. */
function refuseInsecureAlgorithms(encrypted: Element): void {
  const methods = encrypted.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'EncryptionMethod');
  for (let i = 0; i < methods.length; i += 1) {
    const algorithm = methods.item(i)?.getAttribute('Algorithm') ?? '';
    if (INSECURE_ENCRYPTION_ALGORITHMS.has(algorithm))
      throw new SamlRefusal(`assertion encrypted with ${algorithm}`, 'invalid_response');
  }
}

/** The key to decrypt the response's assertion with (the current key when nothing is encrypted). */
export async function decryptionKeyFor(samlResponse: string, keys: SpKey[]): Promise<SpKey | undefined> {
  const root = parseStrictXml(decodeSamlMessage(samlResponse)).documentElement;
  let encrypted: Element | null = null;
  for (let node = root?.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 1 && (node as Element).localName === 'EncryptedAssertion')
      encrypted = node as Element;
  if (encrypted) refuseInsecureAlgorithms(encrypted);
  if (!encrypted || keys.length < 2) return keys[0];
  const xml = encrypted.toString();
  for (const key of keys) {
    try {
      await decryptXml(xml, key.privateKey);
      return key;
    } catch {
      // Not this key: try the next one.
    }
  }
  throw new SamlRefusal('assertion encrypted for a key we do not hold', 'invalid_response');
}
