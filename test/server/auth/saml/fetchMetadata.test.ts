/** Fetching identity-provider metadata from a URL: time and size limits, refused addresses, bad answers. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchMetadata, isNonPublicAddress } from '../../../../server/auth/saml/fetchMetadata.js';
import { AppError } from '../../../../server/errors.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function withServer(handler: Handler, run: (base: string) => Promise<void>): Promise<void> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const LOCAL = { timeoutMs: 500, maxBytes: 1000, allowPrivateAddresses: true };

async function reasonOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'invalid');
    return error.reason;
  }
  assert.fail('expected a refusal');
}

describe('fetchMetadata', () => {
  it('returns the body of a 200 answer within the limits', async () => {
    await withServer(
      (_req, res) => res.end('<EntityDescriptor/>'),
      async (base) => assert.equal(await fetchMetadata(`${base}/m`, LOCAL), '<EntityDescriptor/>'),
    );
  });

  it('gives up on an address that does not answer in time', async () => {
    await withServer(
      () => undefined, // never answers
      async (base) => {
        // The time limit's own reason (a hang would fail the test by mocha's time-out instead).
        assert.equal(await reasonOf(fetchMetadata(`${base}/slow`, LOCAL)), 'metadata_timeout');
      },
    );
  });

  it('gives up on a body trickled slower than the time limit', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(200);
        res.write('<a>');
      },
      async (base) =>
        assert.equal(await reasonOf(fetchMetadata(`${base}/trickle`, LOCAL)), 'metadata_timeout'),
    );
  });

  it('refuses an oversize answer, declared or streamed', async () => {
    await withServer(
      (req, res) => {
        if (req.url === '/declared') {
          res.writeHead(200, { 'Content-Length': '5000' });
          res.end('x'.repeat(5000));
        } else {
          res.writeHead(200); // chunked, no length
          for (let i = 0; i < 10; i += 1) res.write('x'.repeat(500));
          res.end();
        }
      },
      async (base) => {
        assert.equal(await reasonOf(fetchMetadata(`${base}/declared`, LOCAL)), 'metadata_too_large');
        assert.equal(await reasonOf(fetchMetadata(`${base}/streamed`, LOCAL)), 'metadata_too_large');
      },
    );
  });

  it('refuses answers other than 200, redirects included (not followed)', async () => {
    await withServer(
      (req, res) => {
        res.writeHead(req.url === '/moved' ? 302 : 404, { Location: 'http://169.254.169.254/' });
        res.end();
      },
      async (base) => {
        assert.equal(await reasonOf(fetchMetadata(`${base}/moved`, LOCAL)), 'metadata_fetch_failed');
        assert.equal(await reasonOf(fetchMetadata(`${base}/missing`, LOCAL)), 'metadata_fetch_failed');
      },
    );
  });

  it('refuses loopback and private addresses unless allowed (production), by literal or by name', async () => {
    let reached = 0;
    await withServer(
      (_req, res) => {
        reached += 1;
        res.end('<x/>');
      },
      async (base) => {
        const strict = { ...LOCAL, allowPrivateAddresses: false };
        const port = new URL(base).port;
        assert.equal(await reasonOf(fetchMetadata(`${base}/m`, strict)), 'metadata_address_refused');
        assert.equal(
          await reasonOf(fetchMetadata(`http://localhost:${port}/m`, strict)),
          'metadata_address_refused',
        );
        assert.equal(
          await reasonOf(fetchMetadata(`http://[::1]:${port}/m`, strict)),
          'metadata_address_refused',
        );
        assert.equal(reached, 0, 'no request reached the private address');
      },
    );
  });

  it('refuses other schemes and credentials in the address', async () => {
    assert.equal(await reasonOf(fetchMetadata('file:///etc/passwd', LOCAL)), 'metadata_url_invalid');
    assert.equal(
      await reasonOf(fetchMetadata('https://user:pw@idp.example/m', LOCAL)),
      'metadata_url_invalid',
    );
    assert.equal(await reasonOf(fetchMetadata('not a url', LOCAL)), 'metadata_url_invalid');
  });

  it('knows which addresses are not public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      assert.ok(isNonPublicAddress(address), address);
    for (const address of ['8.8.8.8', '2001:4860:4860::8888', '93.184.216.34'])
      assert.ok(!isNonPublicAddress(address), address);
  });
});
