/**
 * Which Socket.IO handshakes come from our own pages (no cross-site WebSocket hijacking). Browsers
 * always send Origin on a WebSocket upgrade and on every cross-origin request, but send none on a
 * same-origin GET, which is what the long-polling handshake is. So, failing closed:
 * - a present Origin must be one of ours (PUBLIC_URL or CORS_ORIGINS);
 * - without Origin, only a non-WebSocket request is accepted, and only when its Sec-Fetch-Site, if
 *   sent, says `same-origin` or `none` (a `cross-site` or `same-site` fetch is refused).
 */
import type { IncomingMessage } from 'node:http';

const SAME_ORIGIN_FETCH = new Set(['same-origin', 'none']);

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? undefined : value;
}

/** True when the handshake request may open a socket: see the module comment for the rule. */
export function acceptsHandshakeOrigin(req: IncomingMessage, origins: ReadonlySet<string>): boolean {
  if (Array.isArray(req.headers.origin) || Array.isArray(req.headers['sec-fetch-site'])) return false;
  const origin = header(req, 'origin');
  if (origin !== undefined) return origins.has(origin);
  if (header(req, 'upgrade')?.toLowerCase() === 'websocket') return false;
  const fetchSite = header(req, 'sec-fetch-site');
  return fetchSite === undefined || SAME_ORIGIN_FETCH.has(fetchSite.toLowerCase());
}
