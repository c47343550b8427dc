import assert from 'node:assert/strict';
import http from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { SessionModel } from '../../server/models/Session.js';
import { resetDatabase } from '../support/database.js';
import { withNextSessionReadFailing } from '../support/faults.js';
import { seedDirectory, type Directory } from '../support/fixtures.js';
import { registerTestIdp, signInWithSaml, testKey, type TestIdp } from '../support/saml.js';
import { startTestServer, type TestServer } from '../support/server.js';

function open(server: TestServer, headers: Record<string, string>): Socket {
  return connect(server.url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
}

function openPolling(server: TestServer, headers: Record<string, string>): Socket {
  return connect(server.url, {
    transports: ['polling'],
    extraHeaders: headers,
    reconnection: false,
    forceNew: true,
  });
}

/**
 * The status of a raw Engine.IO long-polling handshake (node:http sends no Origin of its own); an
 * accepted one is closed at once (a close packet), so no engine connection outlives the test.
 */
function fetchHandshake(server: TestServer, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const sid = status === 200 ? (JSON.parse(body.slice(1)) as { sid?: string }).sid : undefined;
        if (!sid) return resolve(status);
        const close = http.request(
          `${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`,
          { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' } },
          (closed) => {
            closed.resume();
            closed.on('end', () => resolve(status));
          },
        );
        close.on('error', reject);
        close.end('1');
      });
    });
    req.on('error', reject);
  });
}

function outcome(socket: Socket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    if (socket.connected) return resolve('connected');
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });
}

/** Why the socket was disconnected (Socket.IO's reason), or a failure when it stays connected. */
function disconnected(socket: Socket, withinMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still connected')), withinMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describe('realtime: sockets share the session', () => {
  let server: TestServer;
  let dir: Directory;
  let lyon: TestIdp;
  const sockets: Socket[] = [];
  before(async () => {
    await resetDatabase();
    dir = await seedDirectory();
    server = await startTestServer();
    lyon = await registerTestIdp(server.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
  });
  after(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });
  const track = (s: Socket) => {
    sockets.push(s);
    return s;
  };

  it('connects with the session cookie from a SAML sign-in, from our own origin', async () => {
    const { cookie, personId } = await signInWithSaml(server.app, lyon, 'sock@lyon.example');
    const socket = track(open(server, { Cookie: cookie, Origin: server.url }));
    assert.equal(await outcome(socket), 'connected');
    const answer = await socket.emitWithAck('session:whoami');
    assert.deepEqual(answer, { ok: true, data: { personId } });
  });

  it('keeps of the handshake request only who and which session, over WebSocket and long polling', async () => {
    const { cookie, personId } = await signInWithSaml(server.app, lyon, 'kept@lyon.example');
    const sessionId = (await SessionModel.findOne({ personId }).lean())!._id;
    for (const socket of [
      track(open(server, { Cookie: cookie, Origin: server.url })),
      track(openPolling(server, { Cookie: cookie, Origin: server.url })),
    ]) {
      assert.equal(await outcome(socket), 'connected');
      const held = server.realtime.io.of('/').sockets.get(socket.id as string);
      assert.ok(held, 'the server holds the socket');
      assert.deepEqual([held.data.personId, held.data.sessionId], [personId, sessionId]);
      const req = held.request as unknown as Record<string, unknown>;
      for (const dropped of ['session', 'sessionID', 'sessionStore', '_parsedUrl'])
        assert.equal(dropped in req, false, `the request no longer holds ${dropped}`);
    }
  });

  it('refuses sockets without a session, and a stolen cookie from another origin', async () => {
    const anonymous = track(open(server, { Origin: server.url }));
    assert.equal(await outcome(anonymous), 'unauthorized');
    const { cookie } = await signInWithSaml(server.app, lyon, 'stolen@lyon.example');
    const hijack = track(open(server, { Cookie: cookie, Origin: 'https://evil.example' }));
    assert.notEqual(await outcome(hijack), 'connected');
    const noOrigin = track(open(server, { Cookie: cookie }));
    assert.notEqual(await outcome(noOrigin), 'connected');
  });

  it('accepts a long-polling handshake without Origin from our own pages (browsers send none)', async () => {
    const { cookie, personId } = await signInWithSaml(server.app, lyon, 'poll@lyon.example');
    const sameOrigin = track(openPolling(server, { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' }));
    assert.equal(await outcome(sameOrigin), 'connected');
    assert.equal(sameOrigin.io.engine.transport.name, 'polling');
    assert.deepEqual(await sameOrigin.emitWithAck('session:whoami'), { ok: true, data: { personId } });
    const typed = track(openPolling(server, { Cookie: cookie, 'Sec-Fetch-Site': 'none' }));
    assert.equal(await outcome(typed), 'connected');
    const olderBrowser = track(openPolling(server, { Cookie: cookie }));
    assert.equal(await outcome(olderBrowser), 'connected');
    const withOurOrigin = track(openPolling(server, { Cookie: cookie, Origin: server.url }));
    assert.equal(await outcome(withOurOrigin), 'connected');
  });

  it('refuses a WebSocket without Origin, a foreign Origin on either transport, and cross-site fetches', async () => {
    const { cookie } = await signInWithSaml(server.app, lyon, 'cswsh@lyon.example');
    const refused = [
      track(open(server, { Cookie: cookie })),
      track(open(server, { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' })),
      track(open(server, { Cookie: cookie, Origin: 'https://evil.example' })),
      track(openPolling(server, { Cookie: cookie, Origin: 'https://evil.example' })),
      track(openPolling(server, { Cookie: cookie, Origin: 'null' })),
      track(
        openPolling(server, {
          Cookie: cookie,
          Origin: 'https://evil.example',
          'Sec-Fetch-Site': 'same-origin',
        }),
      ),
      track(openPolling(server, { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })),
      track(openPolling(server, { Cookie: cookie, 'Sec-Fetch-Site': 'same-site' })),
    ];
    const outcomes = await Promise.all(refused.map(outcome));
    for (const [i, result] of outcomes.entries()) assert.notEqual(result, 'connected', `case ${i} connected`);
    const raw = await fetchHandshake(server, { Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' });
    assert.equal(raw, 403);
    assert.equal(await fetchHandshake(server, { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' }), 200);
  });

  it('disconnects the sockets of a signed-out session at once (the server ends them)', async () => {
    const { cookie, csrf } = await signInWithSaml(server.app, lyon, 'out@lyon.example');
    const socket = track(open(server, { Cookie: cookie, Origin: server.url }));
    assert.equal(await outcome(socket), 'connected');
    const gone = disconnected(socket);
    await request(server.app)
      .post('/api/v1/auth/logout')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .expect(200);
    assert.equal(await gone, 'io server disconnect');
    const again = track(open(server, { Cookie: cookie, Origin: server.url }));
    assert.equal(await outcome(again), 'unauthorized');
  });

  it('disconnects every socket of a person on sign-out everywhere and on suspension', async () => {
    const a = await signInWithSaml(server.app, lyon, 'all@lyon.example');
    const b = await signInWithSaml(server.app, lyon, 'all@lyon.example');
    const sa = track(open(server, { Cookie: a.cookie, Origin: server.url }));
    const sb = track(open(server, { Cookie: b.cookie, Origin: server.url }));
    assert.deepEqual(await Promise.all([outcome(sa), outcome(sb)]), ['connected', 'connected']);
    const both = Promise.all([disconnected(sa), disconnected(sb)]);
    await request(server.app)
      .post('/api/v1/auth/logout-everywhere')
      .set('Cookie', a.cookie)
      .set('X-CSRF-Token', a.csrf)
      .expect(200);
    assert.deepEqual(await both, ['io server disconnect', 'io server disconnect']);

    const c = await signInWithSaml(server.app, lyon, 'susp@lyon.example');
    const sc = track(open(server, { Cookie: c.cookie, Origin: server.url }));
    assert.equal(await outcome(sc), 'connected');
    const gone = disconnected(sc);
    await request(server.app)
      .post(`/api/v1/people/${c.personId}/status`)
      .set(dir.people.admin.auth)
      .send({ status: 'suspended', reason: 'test' })
      .expect(200);
    assert.equal(await gone, 'io server disconnect');
  });

  it('leaves the HTTP session as it was while a long-polling socket talks (no destroy, no touch)', async () => {
    const s = await signInWithSaml(server.app, lyon, 'polls@lyon.example');
    const stored = async () =>
      (await SessionModel.findOne({ personId: s.personId }).lean())?.expires.getTime();
    // As if the last request was two minutes ago: a touch would write a new expiry.
    const twoMinutesAgo = Date.now() + server.config.session.idleMinutes * 60_000 - 120_000;
    await SessionModel.updateOne({ personId: s.personId }, { $set: { expires: new Date(twoMinutesAgo) } });
    const socket = track(openPolling(server, { Cookie: s.cookie, Origin: server.url }));
    assert.equal(await outcome(socket), 'connected');
    for (let i = 0; i < 3; i++) await socket.emitWithAck('session:whoami'); // polls and posts
    assert.equal(await stored(), twoMinutesAgo, 'the socket did not extend the idle time-out');
    await request(server.app).get('/api/v1/me').set('Cookie', s.cookie).expect(200);
  });

  it("keeps nothing of express-session on a WebSocket connection's handshake request and response", async () => {
    // Engine.IO keeps a WebSocket handshake's response as long as the connection: express-session's
    // wrappers of writeHead and end would keep its whole per-request scope with every socket.
    const s = await signInWithSaml(server.app, lyon, 'handshake-scope@lyon.example');
    // Engine.IO's middlewares see every request, the polls of earlier tests' sockets too: only the
    // handshakes (no connection id) of this test's cookie are taken, and the spy goes afterwards.
    const seen: { req: http.IncomingMessage; res: http.ServerResponse }[] = [];
    const spy = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => {
      const handshake = (req as { _query?: { sid?: string } })._query?.sid === undefined;
      if (handshake && req.headers.cookie === s.cookie) seen.push({ req, res });
      next();
    };
    const engine = server.realtime.io.engine as unknown as { middlewares: unknown[] };
    server.realtime.io.engine.use(spy);
    try {
      const socket = track(open(server, { Cookie: s.cookie, Origin: server.url }));
      assert.equal(await outcome(socket), 'connected');
      assert.equal(seen.length, 1, 'one handshake, by WebSocket');
      const [handshake] = seen;
      assert.ok(handshake);
      const { req, res } = handshake;
      assert.equal(res.constructor.name, 'WebSocketResponse');
      assert.deepEqual(
        ['end', 'writeHead'].filter((name) => Object.hasOwn(res, name)),
        [],
        'the response methods are its own class’s again',
      );
      assert.deepEqual(
        ['session', 'sessionID', 'sessionStore'].filter((name) => name in req),
        [],
        'the request holds no session',
      );
      assert.equal(
        await socket
          .emitWithAck('session:whoami')
          .then((a: { data: { personId: string } }) => a.data.personId),
        s.personId,
      );
    } finally {
      const at = engine.middlewares.indexOf(spy);
      if (at >= 0) engine.middlewares.splice(at, 1);
    }
  });

  it('refuses a handshake whose session read fails, and keeps the session for the next one', async () => {
    const s = await signInWithSaml(server.app, lyon, 'handshake-blip@lyon.example');
    const refused = await withNextSessionReadFailing(() =>
      outcome(track(openPolling(server, { Cookie: s.cookie, Origin: server.url }))),
    );
    assert.notEqual(refused, 'connected');
    assert.equal(
      await SessionModel.countDocuments({ personId: s.personId }),
      1,
      'the session is still stored',
    );
    const socket = track(openPolling(server, { Cookie: s.cookie, Origin: server.url }));
    assert.equal(await outcome(socket), 'connected');
  });

  it('refuses to recover a socket for another person than the one it was', async () => {
    const first = await signInWithSaml(server.app, lyon, 'recover-a@lyon.example');
    const other = await signInWithSaml(server.app, lyon, 'recover-b@lyon.example');
    const socket = connect(server.url, {
      transports: ['websocket'],
      extraHeaders: { Cookie: first.cookie, Origin: server.url },
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 50,
    });
    track(socket);
    assert.equal(await outcome(socket), 'connected');
    // Recovery resumes from the last broadcast the client received: let it have one.
    const received = new Promise((resolve) => socket.once('room:resync', resolve));
    server.realtime.io
      .to(`person:${first.personId}`)
      .emit('room:resync', { since: new Date().toISOString() });
    await received;
    const refused = new Promise<string>((resolve) => {
      socket.once('connect_error', (e) => resolve(e.message));
      socket.once('connect', () => resolve(`connected (recovered: ${socket.recovered})`));
    });
    socket.io.opts.extraHeaders = { Cookie: other.cookie, Origin: server.url };
    socket.io.engine.close(); // a dropped link: the client reconnects and asks to recover its socket
    assert.equal(await refused, 'unauthorized');
    assert.equal(socket.recovered, false);
  });

  it('disconnects sockets when their session expires', async () => {
    const s = await signInWithSaml(server.app, lyon, 'expire@lyon.example');
    const socket = track(open(server, { Cookie: s.cookie, Origin: server.url }));
    assert.equal(await outcome(socket), 'connected');
    const gone = disconnected(socket);
    await SessionModel.updateOne({ personId: s.personId }, { $set: { expires: new Date(Date.now() - 1) } });
    assert.equal(await gone, 'io server disconnect');
  });
});
