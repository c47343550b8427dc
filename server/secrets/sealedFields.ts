/**
 * Every stored field that holds a sealed secret, by model name: what `secrets rewrap` walks after a
 * key rotation, and what the at-rest test checks holds no secret in clear.
 */

/** A model's fields that hold sealed values (top-level string paths). */
export interface SealedFields {
  model: string;
  fields: readonly string[];
}

/** The sealed fields of the whole database. Add a field here when a new secret is stored. */
export const SEALED_FIELDS: readonly SealedFields[] = [
  { model: 'LocalCredential', fields: ['totpSecret', 'totpPendingSecret'] },
  { model: 'ServiceProviderKey', fields: ['privateKey'] },
];
