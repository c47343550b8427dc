/**
 * Compression and caching of the real app, read as raw bytes off a real socket (no client that
 * decompresses for us): the built client's pre-compressed files with their encoding, type, Vary and
 * cache headers; API answers compressed on the fly; what must never be compressed left alone.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { compressResponses } from '../../../server/http/compressResponses.js';
import { testApp } from '../../support/app.js';

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** GET `url` with `headers`, the body exactly as it came over the wire. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

/** Listens with `app` on a free port for the tests of one describe block. */
function listening(makeApp: () => http.RequestListener): { url: () => string } {
  let server: http.Server;
  before(async () => {
    server = http.createServer(makeApp());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word${i}`))};\n`;
const PAGE = `<!doctype html><html><head><title>Concordia</title></head><body>${'<p>hello</p>'.repeat(100)}</body></html>`;
const SMALL_STYLE = 'body { color: black }\n';

/** A built client like `npm run build:client` makes, with `.br` and `.gz` beside the big files. */
function fakeClientBuild(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-client-'));
  mkdirSync(path.join(dir, 'assets'));
  const write = (file: string, content: string, variants: boolean) => {
    writeFileSync(path.join(dir, file), content);
    if (!variants) return;
    writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(content));
    writeFileSync(path.join(dir, `${file}.gz`), gzipSync(content));
  };
  write('index.html', PAGE, true);
  write('assets/index-Ab12Cd34.js', SCRIPT, true);
  write('assets/small-Ef56Gh78.css', SMALL_STYLE, false);
  return dir;
}

const YEAR = 'public, max-age=31536000, immutable';

describe('the built client, pre-compressed', () => {
  const clientDir = fakeClientBuild();
  after(() => rmSync(clientDir, { recursive: true, force: true }));
  const server = listening(() => testApp({ CLIENT_DIR: clientDir }));

  it('sends a hashed asset as brotli, else gzip, else plain; cached for a year, varying on Accept-Encoding', async () => {
    const url = `${server.url()}/assets/index-Ab12Cd34.js`;
    const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), SCRIPT);
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.match(br.headers['content-type'] ?? '', /^text\/javascript/);
    assert.equal(br.headers['cache-control'], YEAR);
    assert.match(br.headers.vary ?? '', /Accept-Encoding/);
    assert.match(String(br.headers['content-security-policy']), /script-src 'self'(;|$)/);

    const gz = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), SCRIPT);
    assert.equal(gz.headers['cache-control'], YEAR);
    assert.notEqual(gz.headers.etag, br.headers.etag, 'each encoding has its own ETag');

    const plain = await rawGet(url, { 'Accept-Encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), SCRIPT);
    assert.equal(plain.headers['cache-control'], YEAR);
    assert.match(plain.headers.vary ?? '', /Accept-Encoding/);

    const refusedBr = await rawGet(url, { 'Accept-Encoding': 'br;q=0, gzip' });
    assert.equal(refusedBr.headers['content-encoding'], 'gzip');
  });

  it('answers a conditional request for a compressed asset with 304', async () => {
    const url = `${server.url()}/assets/index-Ab12Cd34.js`;
    const first = await rawGet(url, { 'Accept-Encoding': 'br' });
    const again = await rawGet(url, { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.etag ?? '' });
    assert.equal(again.status, 304);
  });

  it('sends a small asset without a built variant plainly, and a missing one as 404', async () => {
    const small = await rawGet(`${server.url()}/assets/small-Ef56Gh78.css`, {
      'Accept-Encoding': 'br, gzip',
    });
    assert.equal(small.status, 200);
    assert.equal(small.headers['content-encoding'], undefined, 'below the 1 KB threshold');
    assert.equal(small.body.toString(), SMALL_STYLE);
    assert.equal(small.headers['cache-control'], YEAR);
    const missing = await rawGet(`${server.url()}/assets/gone-00000000.js`, { 'Accept-Encoding': 'br' });
    assert.equal(missing.status, 404);
  });

  it('sends index.html for app routes, compressed and revalidated on every visit, with the CSP', async () => {
    for (const route of ['/', '/cities/nairobi', '/index.html']) {
      const res = await rawGet(`${server.url()}${route}`, { 'Accept-Encoding': 'br, gzip' });
      assert.equal(res.status, 200, route);
      assert.equal(res.headers['content-encoding'], 'br', route);
      assert.equal(brotliDecompressSync(res.body).toString(), PAGE, route);
      assert.equal(res.headers['cache-control'], 'no-cache', route);
      assert.match(res.headers['content-type'] ?? '', /^text\/html/, route);
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, route);
      const plain = await rawGet(`${server.url()}${route}`);
      assert.equal(plain.headers['content-encoding'], undefined, route);
      assert.equal(plain.body.toString(), PAGE, route);
      assert.equal(plain.headers['cache-control'], 'no-cache', route);
    }
  });

  it('never serves a file from outside the build', async () => {
    const res = await rawGet(`${server.url()}/assets/..%2F..%2Fpackage.json`, { 'Accept-Encoding': 'br' });
    assert.notEqual(res.status, 200);
  });
});

describe('API answers compressed on the fly', () => {
  const server = listening(() => testApp());

  it('compresses a large JSON answer with brotli or gzip, and not for a client that accepts neither', async () => {
    const url = `${server.url()}/api/openapi.json`;
    const plain = await rawGet(url);
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await rawGet(url, { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(brotliDecompressSync(br.body), plain.body);
    assert.ok(br.body.length * 4 < plain.body.length, `${br.body.length} of ${plain.body.length} bytes`);
    const gz = await rawGet(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), plain.body);
    assert.match(gz.headers.vary ?? '', /Accept-Encoding/);
  });
});

describe('answers that are never compressed', () => {
  const big = 'x'.repeat(20_000);
  const server = listening(() => {
    const app = express();
    app.use(compressResponses());
    app.get('/events', (_req, res) => {
      res.type('text/event-stream').send(big);
    });
    app.get('/download', (_req, res) => {
      res.attachment('export.json').type('application/json').send(big);
    });
    app.get(['/api/v1/csrf', '/api/v1/me', '/api/v1/search', '/api/v1/search/posts'], (_req, res) => {
      res.json({ csrfToken: big });
    });
    app.get('/socket.io/', (_req, res) => {
      res.type('text/plain').send(big);
    });
    app.get('/picture.png', (_req, res) => {
      res.type('image/png').send(Buffer.from(big));
    });
    app.get('/plain', (_req, res) => {
      res.type('text/plain').send(big);
    });
    return app;
  });

  it('leaves server-sent events, downloads, CSRF-bearing and query-echoing answers, Socket.IO and compressed types alone', async () => {
    for (const route of [
      '/events',
      '/download',
      '/api/v1/csrf',
      '/api/v1/me',
      '/api/v1/search?q=guess',
      '/api/v1/search/posts?q=guess',
      '/socket.io/',
      '/picture.png',
    ]) {
      const res = await rawGet(`${server.url()}${route}`, { 'Accept-Encoding': 'br, gzip' });
      assert.equal(res.status, 200, route);
      assert.equal(res.headers['content-encoding'], undefined, route);
      assert.equal(res.body.length > 19_000, true, route);
    }
    const plain = await rawGet(`${server.url()}/plain`, { 'Accept-Encoding': 'br, gzip' });
    assert.equal(plain.headers['content-encoding'], 'br', 'the same body elsewhere is compressed');
  });
});
