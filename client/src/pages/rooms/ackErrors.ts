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

const BY_STATUS: Record<number, string> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
};

/** The ack code that means what an HTTP status means (REST actions of the room page). */
export function codeOfStatus(status: number): string {
  return BY_STATUS[status] ?? 'unavailable';
}
