/** The translation key explaining an ack's error code ("too_large" -> rooms.errors.too_large). */
const KNOWN = new Set([
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
  'timeout',
]);

/** The key under `rooms.errors` for `code`; unknown codes get the generic message. */
export function ackErrorKey(code: string): string {
  return `rooms.errors.${KNOWN.has(code) ? code : 'other'}`;
}
