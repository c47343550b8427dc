/**
 * The attributes a provider sent, as a focal point needs to see them to map them: names and text
 * values only, control characters removed, capped in number and length (a provider's answer is input).
 */
import type { Profile } from '@node-saml/node-saml';
import { assertionAttributes } from './defaultAttributes.js';

/** An attribute the provider sent, with its values. */
export interface ObservedAttribute {
  name: string;
  values: string[];
}

const MAX_ATTRIBUTES = 50;
const MAX_VALUES = 30;
const MAX_TEXT = 300;

// eslint-disable-next-line no-control-regex
const clean = (value: string) => value.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_TEXT);

/** The profile's attributes, by name, each with its string values (other shapes are left out). */
export function observedAttributes(profile: Profile): ObservedAttribute[] {
  // Repeated Attribute elements of one name (Keycloak's role list) shown with all their values.
  const attributes = assertionAttributes(profile);
  return Object.entries(attributes)
    .slice(0, MAX_ATTRIBUTES)
    .map(([name, raw]) => ({
      name: clean(name),
      values: (Array.isArray(raw) ? raw : [raw])
        .filter((v): v is string => typeof v === 'string')
        .slice(0, MAX_VALUES)
        .map(clean),
    }))
    .filter((attribute) => attribute.name !== '');
}
