/**
 * Which of our encryption keys an encrypted assertion was made for. During a rollover a provider may
 * encrypt for the current or the next key; node-saml takes one decryption key, so the key that opens
 * the EncryptedAssertion is found first (decrypting has no side effect) and given to node-saml.
 */
import type { Element } from '@xmldom/xmldom';
import { decryptXml } from '@node-saml/node-saml/lib/xml.js';
import { SamlRefusal } from './checkResponse.js';
import { decodeSamlMessage, parseStrictXml } from './safeXml.js';
import type { SpKey } from './spKeys.js';

/** The key to decrypt the response's assertion with (the current key when nothing is encrypted). */
export async function decryptionKeyFor(samlResponse: string, keys: SpKey[]): Promise<SpKey | undefined> {
  const root = parseStrictXml(decodeSamlMessage(samlResponse)).documentElement;
  let encrypted: Element | null = null;
  for (let node = root?.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 1 && (node as Element).localName === 'EncryptedAssertion')
      encrypted = node as Element;
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
