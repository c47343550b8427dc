/**
 * One client process of `bench/storm.ts`: many people, each with a socket that behaves as the web
 * client does (client/src/realtime/socket.ts and client/src/pages/rooms/useRoom.ts): socket.io-client
 * with its default reconnection (1 s doubling to 5 s, ±50%); on every `connect` a `room:join` with
 * the newest message seen as `lastSeenId` (10 s ack time-out; a lost answer asked again as
 * shared/joinRetry.ts says, then left to the next connect), merging the missed messages by id; the latest history page on a first join or when the
 * answer says `more` (and, where the web client leaves the gap to the reader's scrolling, older pages
 * down to the last message seen); `room:resync` re-joins from the last message seen before `since`.
 * Live `message:created` events are merged too. Every message's arrival time is kept, so the parent
 * can tell, per socket, when it had rejoined AND held every acknowledged message it had missed.
 *
 * Driven over IPC by the parent (messages typed below); times are `Date.now()` (one clock for every
 * process of the run).
 */
import { io as connect, type Socket } from 'socket.io-client';
import { JOIN_ANSWER_TIMEOUT_MS, JOIN_RETRIES, joinRetryDelayMs } from '../shared/joinRetry.js';

/** An acknowledged message, as the sender saw it. */
export interface AckedMessage {
  seq: number;
  roomId: string;
  ackAt: number;
}

/** What the parent asks. */
export type StormClientCommand =
  | { type: 'connect'; url: string; origin: string; members: { cookie: string; roomId: string }[] }
  | { type: 'status'; since: number }
  | { type: 'report'; since: number; acked: AckedMessage[] }
  | { type: 'close' };

/** Per socket, after the storm. */
export interface StormSocketReport {
  /** Whether the socket lost its connection after `since`. */
  affected: boolean;
  /** Its reconnection attempts after `since` (socket.io-client's back-off; ms epoch). */
  attempts: number[];
  /** When it was first connected again after `since` (its handshake answered; ms epoch), or null. */
  reconnectedAt: number | null;
  /** When its first join after `since` was answered (ms epoch), or null. */
  rejoinedAt: number | null;
  /** When it had rejoined and held every message acknowledged before that join (ms epoch), or null. */
  caughtUpAt: number | null;
  /** Acknowledged messages of its room it never received. */
  missing: number[];
}

/** What a process reports. */
export interface StormClientReport {
  sockets: StormSocketReport[];
  joinTimeouts: number;
  joinErrors: string[];
  morePages: number;
}

interface Message {
  id: string;
  clientId: string;
  createdAt: string;
}
type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const PAGE_SIZE = 30;
const SEQ = /^storm-(\d+)$/;

/** One simulated person's socket and room state. */
interface Member {
  roomId: string;
  socket: Socket;
  /** seq -> first arrival (ms epoch). */
  received: Map<number, number>;
  /** Every message seen, for `lastSeen` and resync. */
  seen: Map<string, string>;
  lastSeen: { id: string; createdAt: string } | null;
  loaded: boolean;
  /** Completed joins (ms epoch). */
  joins: number[];
  /** Connections (handshakes answered; ms epoch). */
  connects: number[];
  /** Reconnection attempts (ms epoch). */
  attempts: number[];
  disconnects: number[];
}

let members: Member[] = [];
let joinTimeouts = 0;
const joinErrors: string[] = [];
let morePages = 0;

function later(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): boolean {
  return a.createdAt !== b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
}

function merge(member: Member, messages: Message[]): void {
  const now = Date.now();
  for (const message of messages) {
    const match = SEQ.exec(message.clientId ?? '');
    if (match && !member.received.has(Number(match[1]))) member.received.set(Number(match[1]), now);
    member.seen.set(message.id, message.createdAt);
    if (!member.lastSeen || later(message, member.lastSeen))
      member.lastSeen = { id: message.id, createdAt: message.createdAt };
  }
}

function ask<T>(socket: Socket, event: string, payload: unknown): Promise<Answer<T> | null> {
  return socket
    .timeout(JOIN_ANSWER_TIMEOUT_MS)
    .emitWithAck(event, payload)
    .then(
      (answer: Answer<T>) => answer,
      () => null,
    );
}

/** Reads the latest page, then older ones down to `until` (the last message seen before), if any. */
async function readHistory(member: Member, until: string | null): Promise<void> {
  let before: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await ask<{ items: Message[]; before: string | null }>(member.socket, 'message:history', {
      roomId: member.roomId,
      limit: PAGE_SIZE,
      ...(before ? { before } : {}),
    });
    if (!answer?.ok) return;
    merge(member, answer.data.items);
    member.loaded = true;
    if (!until || !answer.data.before || answer.data.items.some((m) => m.id <= until)) return;
    before = answer.data.before;
    morePages++;
  }
}

/** `room:join` as useRoom's `join` does it. */
async function join(member: Member, since?: string): Promise<void> {
  let lastSeen = member.lastSeen;
  if (since !== undefined) {
    lastSeen = null;
    for (const [id, createdAt] of member.seen)
      if (createdAt < since && (!lastSeen || later({ id, createdAt }, lastSeen)))
        lastSeen = { id, createdAt };
  }
  const payload = { roomId: member.roomId, ...(lastSeen ? { lastSeenId: lastSeen.id } : {}) };
  let answer = await ask<{ missed: Message[]; more: boolean }>(member.socket, 'room:join', payload);
  // A lost answer is asked again a few times, later each time, as the web client does (shared/joinRetry.ts).
  for (let attempt = 0; !answer && attempt < JOIN_RETRIES; attempt += 1) {
    joinTimeouts++;
    await new Promise((resolve) => setTimeout(resolve, joinRetryDelayMs(attempt)));
    if (!member.socket.connected) return;
    answer = await ask<{ missed: Message[]; more: boolean }>(member.socket, 'room:join', payload);
  }
  if (!answer) {
    joinTimeouts++;
    return;
  }
  if (!answer.ok) {
    joinErrors.push(answer.error.code);
    return;
  }
  merge(member, answer.data.missed);
  if (!member.loaded || !lastSeen || answer.data.more) await readHistory(member, lastSeen?.id ?? null);
  member.joins.push(Date.now());
}

function open(url: string, origin: string, cookie: string, roomId: string): Member {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { Cookie: cookie, Origin: origin },
    forceNew: true,
  });
  const member: Member = {
    roomId,
    socket,
    received: new Map(),
    seen: new Map(),
    lastSeen: null,
    loaded: false,
    joins: [],
    connects: [],
    attempts: [],
    disconnects: [],
  };
  socket.io.on('reconnect_attempt', () => member.attempts.push(Date.now()));
  socket.on('connect', () => {
    member.connects.push(Date.now());
    void join(member);
  });
  socket.on('disconnect', () => member.disconnects.push(Date.now()));
  socket.on('message:created', (message: Message & { roomId: string }) => {
    if (message.roomId === roomId) merge(member, [message]);
  });
  socket.on('room:resync', (payload: { since?: string }) => {
    const since = typeof payload?.since === 'string' ? payload.since : new Date(0).toISOString();
    setTimeout(() => void join(member, since), Math.random() * 1_000);
  });
  return member;
}

async function connectAll(command: Extract<StormClientCommand, { type: 'connect' }>): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < command.members.length; i += 50) {
    const batch = command.members
      .slice(i, i + 50)
      .map(({ cookie, roomId }) => open(command.url, command.origin, cookie, roomId));
    members.push(...batch);
    const deadline = Date.now() + 120_000;
    while (batch.some((m) => m.joins.length === 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - started;
}

function report(command: Extract<StormClientCommand, { type: 'report' }>): StormClientReport {
  const byRoom = new Map<string, AckedMessage[]>();
  for (const message of command.acked) {
    const list = byRoom.get(message.roomId) ?? [];
    list.push(message);
    byRoom.set(message.roomId, list);
  }
  const sockets = members.map((member): StormSocketReport => {
    const acked = byRoom.get(member.roomId) ?? [];
    const missing = acked.filter((m) => !member.received.has(m.seq)).map((m) => m.seq);
    const affected = member.disconnects.some((t) => t >= command.since);
    const rejoinedAt = member.joins.find((t) => t >= command.since);
    let caughtUpAt: number | null = null;
    if (affected && rejoinedAt !== undefined) {
      caughtUpAt = rejoinedAt;
      for (const m of acked) {
        if (m.ackAt >= rejoinedAt) continue;
        const at = member.received.get(m.seq);
        if (at === undefined) {
          caughtUpAt = null;
          break;
        }
        caughtUpAt = Math.max(caughtUpAt, at);
      }
    }
    if (process.env.BENCH_STORM_DEBUG && missing.length > 0)
      console.error(
        `[storm client] room ${member.roomId.slice(-4)} joins ${member.joins.map((t) => t - command.since).join(',')} disconnects ${member.disconnects.map((t) => t - command.since).join(',')} missing ${acked
          .filter((m) => !member.received.has(m.seq))
          .map((m) => `${m.seq}@${m.ackAt - command.since}`)
          .join(',')} received after ${[...member.received]
          .filter(([, t]) => t >= command.since)
          .map(([seq, t]) => `${seq}@${t - command.since}`)
          .join(',')}`,
      );
    const attempts = affected ? member.attempts.filter((t) => t >= command.since) : [];
    const reconnectedAt = affected ? (member.connects.find((t) => t >= command.since) ?? null) : null;
    return {
      affected,
      attempts,
      reconnectedAt,
      rejoinedAt: affected ? (rejoinedAt ?? null) : null,
      caughtUpAt,
      missing,
    };
  });
  return { sockets, joinTimeouts, joinErrors: [...new Set(joinErrors)], morePages };
}

process.on('message', (command: StormClientCommand) => {
  const work = async (): Promise<unknown> => {
    switch (command.type) {
      case 'connect':
        return { type: 'connected', ms: await connectAll(command) };
      case 'status':
        return {
          type: 'status',
          affected: members.filter((m) => m.disconnects.some((t) => t >= command.since)).length,
          rejoined: members.filter((m) => m.joins.some((t) => t >= command.since)).length,
          connected: members.filter((m) => m.socket.connected).length,
        };
      case 'report':
        return { type: 'report', report: report(command) };
      case 'close':
        for (const member of members) member.socket.close();
        members = [];
        return { type: 'closed' };
    }
  };
  work()
    .then((answer) => process.send?.(answer))
    .catch((error: Error) => process.send?.({ type: 'failed', error: error.message }));
});
