import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { freePort } from '../../../server/db/childProcess.js';

describe('server/db/childProcess freePort', () => {
  it('gives free ports below the kernel ephemeral range, where no outgoing connection lands', async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      assert.ok(port >= 1024 && port < ephemeralLow!, `port ${port} is below ${ephemeralLow}`);
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', resolve);
      });
      await new Promise((resolve) => server.close(resolve));
    }
    assert.ok(new Set(ports).size >= 18, 'random choices rarely repeat');
  });

  it('never gives a port someone is listening on', async () => {
    const holders: net.Server[] = [];
    try {
      const held = new Set<number>();
      for (let i = 0; i < 30; i += 1) {
        const port = await freePort();
        const holder = net.createServer();
        await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
        holders.push(holder);
        assert.ok(!held.has(port), `port ${port} was given twice while held`);
        held.add(port);
      }
    } finally {
      await Promise.all(holders.map((h) => new Promise((resolve) => h.close(resolve))));
    }
  });
});
