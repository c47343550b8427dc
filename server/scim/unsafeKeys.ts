/**
 * The SCIM door's key check. SCIM bodies legitimately carry dotted keys (a PATCH value keyed
 * `name.givenName`, extension URNs with `2.0`) and `$ref`, so the API's guard cannot be used as is;
 * this one refuses every other `$` key, prototype keys, and nesting deeper than any SCIM resource.
 */
import { PROTOTYPE_KEYS, findUnsafeKey } from '../text/unsafeKeys.js';
import { badRequest } from './scimError.js';

const MAX_DEPTH = 12;

/** SCIM's rule: every `$` key but `$ref`, and the prototype keys (dotted keys are SCIM paths). */
const unsafeInScim = (key: string) => (key.startsWith('$') && key !== '$ref') || PROTOTYPE_KEYS.has(key);

/** Throws 400 invalidSyntax when the body or query holds an unsafe key. */
export function assertSafeKeys(body: unknown, query: unknown): void {
  const bad = findUnsafeKey(body, unsafeInScim, MAX_DEPTH) ?? findUnsafeKey(query, unsafeInScim, MAX_DEPTH);
  if (bad) throw badRequest('invalidSyntax', `The key "${bad}" is not allowed.`);
}
