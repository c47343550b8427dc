/**
 * Strict, hostile-input XML parsing for SAML: a size cap, no DTD at all (so no entity expansion and
 * no external entities), and any parser warning or error is fatal.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';

/** The largest SAML message accepted, in bytes of XML. */
export const MAX_SAML_XML_BYTES = 256 * 1024;

/** Raised for XML we refuse to read; the message says why (for the audit log). */
export class UnsafeXmlError extends Error {
  override name = 'UnsafeXmlError';
}

/** Decodes a base64 SAML message to XML text, refusing oversize, DTDs and entities. */
export function decodeSamlMessage(base64: string): string {
  if (base64.length > (MAX_SAML_XML_BYTES * 4) / 3 + 4) throw new UnsafeXmlError('message too large');
  if (!/^[A-Za-z0-9+/=\r\n]+$/.test(base64)) throw new UnsafeXmlError('message is not base64');
  const xml = Buffer.from(base64, 'base64').toString('utf8');
  assertNoDtd(xml);
  return xml;
}

/** Refuses any document type declaration or entity declaration. */
export function assertNoDtd(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new UnsafeXmlError('DTDs and entities are not allowed');
}

/** Parses XML strictly; throws {@link UnsafeXmlError} on anything malformed. */
export function parseStrictXml(xml: string): Document {
  assertNoDtd(xml);
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        throw new UnsafeXmlError(`malformed XML (${level}): ${message}`);
      },
    });
    const doc = parser.parseFromString(xml, 'text/xml');
    if (!doc.documentElement) throw new UnsafeXmlError('malformed XML: no root element');
    return doc;
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw error;
    throw new UnsafeXmlError(`malformed XML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
}
