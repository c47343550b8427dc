/**
 * Fetches an identity provider's metadata from the URL a city gives: http(s) only, no credentials in
 * the URL, no redirects, a time limit for the whole exchange and a size limit on the body. Outside
 * development and tests the address every name resolves to is checked when the connection is made
 * (not before, so a DNS answer cannot change in between): loopback, private, link-local and other
 * non-public addresses are refused, so the server cannot be used to reach its own network (SSRF).
 */
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import net from 'node:net';
import { InvalidError } from '../../errors.js';

/** Limits of one metadata fetch. */
export interface MetadataFetchLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Whether private and loopback addresses may be reached (development and tests only). */
  allowPrivateAddresses: boolean;
}

/** The limits the server uses. */
export const METADATA_FETCH_LIMITS = { timeoutMs: 10_000, maxBytes: 500_000 } as const;

const NON_PUBLIC = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  NON_PUBLIC.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NON_PUBLIC.addSubnet(address, prefix, 'ipv6');

/** Whether an IP address is outside the public internet (loopback, private, link-local, mapped...). */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : null;
  if (!family) return true;
  if (family === 'ipv6') {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    if (mapped) return isNonPublicAddress(mapped);
  }
  return NON_PUBLIC.check(address, family);
}

function refused(reason: string, message: string, params: Record<string, string | number> = {}) {
  return new InvalidError(message, [{ path: 'metadataUrl', message }], { reason, params });
}

/** A DNS lookup for the socket that refuses non-public answers. */
function publicOnlyLookup(): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isNonPublicAddress(a.address));
      if (bad || list.length === 0)
        return callback(Object.assign(new Error('address not allowed'), { code: 'EADDRNOTPUBLIC' }), '', 4);
      if ((options as dns.LookupOptions).all) return callback(null, list as never, 4);
      const first = list[0] as dns.LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** Fetches the metadata XML at `rawUrl`; throws Invalid with a stable reason naming what went wrong. */
export function fetchMetadata(rawUrl: string, limits: MetadataFetchLimits): Promise<string> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(refused('metadata_url_invalid', 'The metadata address is not a URL.'));
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    return Promise.reject(
      refused('metadata_url_invalid', 'The metadata address must be http(s), without credentials.'),
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!limits.allowPrivateAddresses && net.isIP(host) && isNonPublicAddress(host))
    return Promise.reject(
      refused('metadata_address_refused', 'The metadata address is not on the public internet.'),
    );

  return new Promise<string>((resolve, reject) => {
    const get = url.protocol === 'https:' ? https.get : http.get;
    const request = get(
      url,
      {
        headers: { Accept: 'application/samlmetadata+xml, application/xml, text/xml' },
        ...(limits.allowPrivateAddresses ? {} : { lookup: publicOnlyLookup() }),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          request.destroy();
          return reject(
            refused('metadata_fetch_failed', `The metadata address answered ${status}, not 200.`, {
              status,
            }),
          );
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        const tooLarge = () =>
          refused('metadata_too_large', `The metadata is larger than ${limits.maxBytes} bytes.`, {
            max: limits.maxBytes,
          });
        if (declared > limits.maxBytes) {
          request.destroy();
          return reject(tooLarge());
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            request.destroy();
            reject(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', () =>
          reject(refused('metadata_fetch_failed', 'The metadata could not be read.', { status: 0 })),
        );
      },
    );
    request.setTimeout(limits.timeoutMs);
    const timer = setTimeout(() => {
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
    }, limits.timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ETIMEDOUT')
        return reject(
          refused(
            'metadata_timeout',
            `The metadata address did not answer within ${limits.timeoutMs / 1000} s.`,
            {
              seconds: limits.timeoutMs / 1000,
            },
          ),
        );
      if (error.code === 'EADDRNOTPUBLIC')
        return reject(
          refused('metadata_address_refused', 'The metadata address is not on the public internet.'),
        );
      reject(refused('metadata_fetch_failed', 'The metadata address could not be reached.', { status: 0 }));
    });
  });
}
