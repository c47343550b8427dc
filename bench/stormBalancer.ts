/**
 * The load balancer of the two-node storm, in its own process: a TCP proxy on STORM_PORT that hands
 * each new connection to the next node of STORM_BACKENDS (ports, comma-separated) in turn, and to
 * the other one when a node refuses the connection (killed). An open connection ends with its node,
 * as behind a real balancer, and the client reconnects through it. Sends `{ type: 'ready' }` once
 * listening.
 */
import net from 'node:net';

const backends = (process.env.STORM_BACKENDS ?? '').split(',').map(Number);
let next = 0;

/** Connects `client` to a live node, trying each once from the next in turn. */
function route(client: net.Socket, tries = backends.length): void {
  const port = backends[next++ % backends.length] as number;
  const upstream = net.connect(port, '127.0.0.1');
  upstream.once('connect', () => {
    upstream.setNoDelay(true);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.resume();
  });
  upstream.once('error', () => {
    if (upstream.remoteAddress || tries <= 1) client.destroy();
    else route(client, tries - 1);
  });
}

const server = net.createServer({ pauseOnConnect: true, noDelay: true }, (client) => {
  client.on('error', () => undefined);
  route(client);
});
server.listen(Number(process.env.STORM_PORT), '127.0.0.1', () => process.send?.({ type: 'ready' }));
