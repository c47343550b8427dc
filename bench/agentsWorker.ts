/**
 * One agent process of `bench/agents.ts`: simulated people modelled on Mattermost's load-test agents.
 * Each agent signs in (reads `GET /api/v1/me` and `GET /api/v1/csrf` with its session cookie, opens the
 * socket, joins its room), then loops: think (a random pause), pick an action by weight, do it through
 * the real API (HTTP with the cookie and `X-CSRF-Token`, or the socket events the web client uses).
 *
 * The mix (weights out of 100) and think times are in {@link ACTIONS} and {@link THINK_MS}; the
 * README's agents section lists them. Measured: every HTTP request and socket ack (API latency, ms),
 * every message's delivery to the other agents in its room (from the send to the receipt, `Date.now()`
 * of one machine: the send time travels in the message's client id) and every error (a non-2xx
 * answer, an ack with `ok: false` or none within 10 s, a refused connection).
 *
 * IPC: `add` starts agents, `measure` answers the figures since the last `measure` and starts anew,
 * `stop` stops every agent (sockets closed, loops ended).
 */
import { io as connect, type Socket } from 'socket.io-client';

/** One simulated person. */
export interface AgentPerson {
  cookie: string;
  csrfToken: string;
  /** The two rooms of the person's city: the agent sits in one and switches. */
  rooms: [string, string];
}

/** What the parent asks. */
export type AgentCommand =
  | { type: 'add'; url: string; topicIds: string[]; people: AgentPerson[] }
  | { type: 'measure' }
  | { type: 'stop' };

/** The figures of a period. */
export interface AgentFigures {
  type: 'figures';
  /** API latencies (ms) by request kind (`GET /rooms/:id/messages`, `message:send`…). */
  apiMs: Record<string, number[]>;
  deliveryMs: number[];
  errors: Record<string, number>;
  actions: Record<string, number>;
  agents: number;
}

/** Think time between two actions (ms): uniform in [min, max]. */
export const THINK_MS = { min: 2_000, max: 8_000 };
/** An idle spell (ms): uniform in [min, max]. */
export const IDLE_MS = { min: 15_000, max: 45_000 };

const ACK_TIMEOUT_MS = 10_000;
const CATEGORY = '/spaces/network/forum/categories/general';
const WORDS = ['prevention', 'mediators', 'helpline', 'district', 'families', 'plan', 'youth', 'schools'];
const EMOJI = ['👍', '🎉', '❤️', '🙏'];
const SENT = /^ag-(\d+)-/;

let url = '';
let topicIds: string[] = [];
let running = true;
let apiMs: Record<string, number[]> = {};
let deliveryMs: number[] = [];
let errors: Record<string, number> = {};
let actions: Record<string, number> = {};
const agents: Agent[] = [];
let sequence = 0;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const between = (range: { min: number; max: number }) => range.min + Math.random() * (range.max - range.min);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function timed(kind: string, ms: number): void {
  (apiMs[kind] ??= []).push(ms);
}

/** A path's kind: ids replaced, query dropped. */
const kindOf = (method: string, path: string) =>
  `${method} ${path.split('?')[0]?.replace(/[a-f0-9]{24}/g, ':id')}`;

function failed(what: string): void {
  errors[what] = (errors[what] ?? 0) + 1;
}

/** One agent: its session, socket and current room. */
class Agent {
  socket: Socket | null = null;
  room: string;
  /** Recent messages of the current room, to react to. */
  recent: string[] = [];

  /** This agent's mark in its messages' client ids, to tell its own messages apart. */
  readonly mark = `-${process.pid}-${agents.length}`;

  constructor(readonly person: AgentPerson) {
    this.room = person.rooms[0];
  }

  /** An HTTP request, timed; resolves with the JSON answer or null (counted as an error). */
  async http(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown> | null> {
    const started = performance.now();
    try {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: {
          Cookie: this.person.cookie,
          Origin: url,
          Accept: 'application/json',
          ...(method === 'POST'
            ? { 'Content-Type': 'application/json', 'X-CSRF-Token': this.person.csrfToken }
            : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      timed(kindOf(method, path), performance.now() - started);
      if (!response.ok) {
        failed(`${kindOf(method, path)} ${response.status}`);
        return null;
      }
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch (error) {
      failed(`${method} ${(error as Error).message}`);
      return null;
    }
  }

  /** A socket event with an ack, timed; resolves with the data or null (counted as an error). */
  async ask<T>(event: string, payload: unknown): Promise<T | null> {
    if (!this.socket?.connected) {
      failed(`${event} while disconnected`);
      return null;
    }
    const started = performance.now();
    try {
      const answer = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as
        { ok: true; data: T } | { ok: false; error: { code: string } };
      timed(event, performance.now() - started);
      if (answer.ok) return answer.data;
      failed(`${event} ${answer.error.code}`);
    } catch {
      failed(`${event} timeout`);
    }
    return null;
  }

  async signIn(): Promise<void> {
    await this.http('GET', '/me');
    await this.http('GET', '/csrf');
    const started = performance.now();
    const socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: { Cookie: this.person.cookie, Origin: url },
      forceNew: true,
    });
    this.socket = socket;
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected) {
      failed('socket connect_error');
      return;
    }
    timed('socket handshake', performance.now() - started);
    socket.on('message:created', (message: { roomId: string; id: string; clientId?: string }) => {
      if (message.roomId !== this.room) return;
      this.recent = [message.id, ...this.recent.slice(0, 19)];
      const sent = SENT.exec(message.clientId ?? '');
      if (sent && !message.clientId?.endsWith(this.mark)) deliveryMs.push(Date.now() - Number(sent[1]));
    });
    await this.joinRoom(this.room);
  }

  async joinRoom(room: string): Promise<void> {
    this.room = room;
    const joined = await this.ask<{ missed: unknown[] }>('room:join', { roomId: room });
    if (!joined) return;
    const page = await this.ask<{ items: { id: string }[] }>('message:history', { roomId: room, limit: 30 });
    this.recent = (page?.items ?? []).map((m) => m.id).reverse();
  }

  /** The actions and their weights (out of 100). */
  readonly actions: [string, number, () => Promise<unknown>][] = [
    ['read room history', 14, () => this.http('GET', `/rooms/${this.room}/messages?limit=30`)],
    ['post in room', 8, () => this.post()],
    ['react', 8, () => this.react()],
    ['switch room', 6, () => this.switchRoom()],
    ['read forum topics', 14, () => this.http('GET', `${CATEGORY}/topics`)],
    ['read a topic', 14, () => this.readTopic()],
    ['reply to a topic', 4, () => this.reply()],
    ['search', 8, () => this.http('GET', `/search?q=${pick(WORDS)}`)],
    ['home and notifications', 12, () => this.home()],
    ['idle', 12, () => sleep(between(IDLE_MS))],
  ];

  post(): Promise<unknown> {
    const clientId = `ag-${Date.now()}-${sequence++}${this.mark}`;
    return this.ask('message:send', {
      roomId: this.room,
      clientId,
      body: `Update on the ${pick(WORDS)} work.`,
    });
  }

  react(): Promise<unknown> {
    const messageId = this.recent[0];
    if (!messageId) return Promise.resolve();
    return this.ask('reaction:add', { messageId, emoji: pick(EMOJI) });
  }

  async switchRoom(): Promise<void> {
    const next = this.room === this.person.rooms[0] ? this.person.rooms[1] : this.person.rooms[0];
    await this.ask('room:leave', { roomId: this.room });
    await this.joinRoom(next);
  }

  async readTopic(): Promise<void> {
    const topic = pick(topicIds);
    await this.http('GET', `/forum/topics/${topic}`);
    await this.http('GET', `/forum/topics/${topic}/replies`);
  }

  reply(): Promise<unknown> {
    return this.http('POST', `/forum/topics/${pick(topicIds)}/replies`, {
      body: `Agreed on the ${pick(WORDS)}.`,
    });
  }

  async home(): Promise<void> {
    await this.http('GET', '/home');
    await this.http('GET', '/me/notifications/unread-count');
  }

  async run(): Promise<void> {
    // Sign-ins spread over one think time, as people arrive.
    await sleep(Math.random() * THINK_MS.max);
    if (!running) return;
    await this.signIn();
    const total = this.actions.reduce((sum, [, weight]) => sum + weight, 0);
    while (running) {
      await sleep(between(THINK_MS));
      if (!running) break;
      let roll = Math.random() * total;
      const action = this.actions.find(([, weight]) => (roll -= weight) < 0) ?? this.actions[0];
      if (!action) break;
      actions[action[0]] = (actions[action[0]] ?? 0) + 1;
      await action[2]();
    }
    this.socket?.close();
  }
}

process.on('message', (command: AgentCommand) => {
  switch (command.type) {
    case 'add':
      url = command.url;
      topicIds = command.topicIds;
      for (const person of command.people) {
        const agent = new Agent(person);
        agents.push(agent);
        void agent.run();
      }
      process.send?.({ type: 'added', agents: agents.length });
      break;
    case 'measure': {
      const figures: AgentFigures = {
        type: 'figures',
        apiMs,
        deliveryMs,
        errors,
        actions,
        agents: agents.length,
      };
      apiMs = {};
      deliveryMs = [];
      errors = {};
      actions = {};
      process.send?.(figures);
      break;
    }
    case 'stop':
      running = false;
      for (const agent of agents) agent.socket?.close();
      process.send?.({ type: 'stopped' });
      break;
  }
});
