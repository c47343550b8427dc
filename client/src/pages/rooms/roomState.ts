/**
 * The state of one open room as pure data and a reducer: the room, its messages (top level, oldest
 * first), loaded threads, who is online or typing, read markers, and the newest message seen (the
 * `lastSeenId` a reconnecting client sends). Every merge is by message id, so a message that arrives
 * twice (ack and broadcast, or a resync) is shown once; a removal takes it off the screen at once.
 */
import type { MessageDelivery, ReactionSummary, RoomSummary } from '../../../../shared/events.js';

/** How far joining the room has come. */
export type RoomStatus = 'joining' | 'ready' | 'denied' | 'removed';

/** One open room. */
export interface RoomState {
  status: RoomStatus;
  room: RoomSummary | null;
  /** Top-level messages, oldest first. */
  messages: MessageDelivery[];
  /** The cursor of the next older page, null when the start is reached. */
  before: string | null;
  /** Whether the first page has been read. */
  loaded: boolean;
  /** Replies of the threads that were opened, oldest first. */
  threads: Record<string, MessageDelivery[]>;
  /**
   * Replies that arrived live for a thread whose history is still being read; they join the thread
   * when its history arrives (which may have been read before they were written).
   */
  opening: Record<string, MessageDelivery[]>;
  /** The newest message this client saw, top level or reply. */
  lastSeen: { id: string; createdAt: string } | null;
  online: string[];
  /** Who is typing, with the time (ms) their indicator lapses if no "stopped" arrives. */
  typing: Record<string, { name: string; until: number }>;
  /** Each member's read marker (message id). */
  reads: Record<string, string>;
  /** Names of people met in this room (authors, typists), to name presence and markers. */
  names: Record<string, string>;
}

/** What can happen to a room. */
export type RoomAction =
  | { type: 'joined'; room: RoomSummary; missed: MessageDelivery[]; online: string[] }
  | { type: 'denied' }
  | { type: 'removed' }
  | { type: 'page'; items: MessageDelivery[]; before: string | null; replace: boolean }
  | { type: 'threadOpening'; threadId: string }
  | { type: 'thread'; threadId: string; items: MessageDelivery[] }
  | { type: 'upsert'; message: MessageDelivery }
  | { type: 'remove'; id: string }
  | { type: 'reactions'; messageId: string; reactions: ReactionSummary[] }
  | { type: 'typing'; person: { id: string; name: string }; typing: boolean; now: number }
  | { type: 'expireTyping'; now: number }
  | { type: 'presence'; personId: string; online: boolean }
  | { type: 'read'; personId: string; messageId: string }
  | { type: 'names'; names: Record<string, string> };

/** How long a typing indicator lasts without news. */
export const TYPING_LAPSE_MS = 6_000;

/** States in which a message is not shown (the server should send a removal; this is a safety net). */
const GONE_STATES = new Set(['deleted', 'removed', 'quarantined']);

/** The state before the room is joined. */
export const initialRoomState: RoomState = {
  status: 'joining',
  room: null,
  messages: [],
  before: null,
  loaded: false,
  threads: {},
  opening: {},
  lastSeen: null,
  online: [],
  typing: {},
  reads: {},
  names: {},
};

function compare(a: { id: string; createdAt: string }, b: { id: string; createdAt: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Merges `incoming` into `list` by id (newer copies win), drops gone ones, keeps the order by time. */
export function mergeMessages(list: MessageDelivery[], incoming: MessageDelivery[]): MessageDelivery[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const message of incoming) {
    if (GONE_STATES.has(message.state)) byId.delete(message.id);
    else byId.set(message.id, message);
  }
  return [...byId.values()].sort(compare);
}

function newest(
  current: RoomState['lastSeen'],
  messages: MessageDelivery[],
): { id: string; createdAt: string } | null {
  let best = current;
  for (const m of messages) if (!best || compare(m, best) > 0) best = { id: m.id, createdAt: m.createdAt };
  return best;
}

function withNames(names: Record<string, string>, messages: MessageDelivery[]): Record<string, string> {
  const missing = messages.filter((m) => m.author && names[m.author.id] !== m.author.name);
  if (missing.length === 0) return names;
  const next = { ...names };
  for (const m of missing) if (m.author) next[m.author.id] = m.author.name;
  return next;
}

/**
 * Adds messages: top level to the list, replies to their loaded thread or to the thread being opened
 * (replies to threads nobody opened are not kept; opening one reads them).
 */
function addMessages(state: RoomState, incoming: MessageDelivery[]): RoomState {
  const top = incoming.filter((m) => m.threadId === null);
  const replies = incoming.filter((m) => m.threadId !== null);
  let { threads, opening } = state;
  for (const reply of replies) {
    const id = reply.threadId as string;
    if (threads[id]) threads = { ...threads, [id]: mergeMessages(threads[id], [reply]) };
    else if (opening[id]) opening = { ...opening, [id]: mergeMessages(opening[id], [reply]) };
  }
  return {
    ...state,
    messages: top.length ? mergeMessages(state.messages, top) : state.messages,
    threads,
    opening,
    lastSeen: newest(state.lastSeen, incoming),
    names: withNames(state.names, incoming),
  };
}

function mapAll(state: RoomState, change: (m: MessageDelivery) => MessageDelivery): RoomState {
  const threads: Record<string, MessageDelivery[]> = {};
  for (const [id, replies] of Object.entries(state.threads)) threads[id] = replies.map(change);
  const opening: Record<string, MessageDelivery[]> = {};
  for (const [id, replies] of Object.entries(state.opening)) opening[id] = replies.map(change);
  return { ...state, messages: state.messages.map(change), threads, opening };
}

/** The newest message seen that was created before `since` (for `room:resync`), or null. */
export function lastSeenBefore(state: RoomState, since: string): { id: string; createdAt: string } | null {
  const limit = Date.parse(since);
  const earlier = [...state.messages, ...Object.values(state.threads).flat()].filter(
    (m) => Date.parse(m.createdAt) < limit,
  );
  return newest(null, earlier);
}

/** The reducer of {@link RoomState}. */
export function roomReducer(state: RoomState, action: RoomAction): RoomState {
  switch (action.type) {
    case 'joined':
      return addMessages(
        { ...state, status: 'ready', room: action.room, online: action.online },
        action.missed,
      );
    case 'denied':
      return { ...initialRoomState, status: 'denied' };
    case 'removed':
      return { ...initialRoomState, status: 'removed' };
    case 'page': {
      const base = action.replace ? { ...state, messages: [] } : state;
      return { ...addMessages(base, action.items), before: action.before, loaded: true };
    }
    case 'threadOpening':
      if (state.threads[action.threadId] || state.opening[action.threadId]) return state;
      return { ...state, opening: { ...state.opening, [action.threadId]: [] } };
    case 'thread': {
      const { [action.threadId]: early = [], ...opening } = state.opening;
      const threads = {
        ...state.threads,
        [action.threadId]: mergeMessages(state.threads[action.threadId] ?? [], early),
      };
      return addMessages({ ...state, threads, opening }, action.items);
    }
    case 'upsert':
      if (GONE_STATES.has(action.message.state))
        return roomReducer(state, { type: 'remove', id: action.message.id });
      return addMessages(state, [action.message]);
    case 'remove': {
      const threads = Object.fromEntries(
        Object.entries(state.threads)
          .filter(([id]) => id !== action.id)
          .map(([id, replies]) => [id, replies.filter((m) => m.id !== action.id)]),
      );
      const opening = Object.fromEntries(
        Object.entries(state.opening).map(([id, replies]) => [id, replies.filter((m) => m.id !== action.id)]),
      );
      return { ...state, messages: state.messages.filter((m) => m.id !== action.id), threads, opening };
    }
    case 'reactions':
      return mapAll(state, (m) => (m.id === action.messageId ? { ...m, reactions: action.reactions } : m));
    case 'typing': {
      const typing = Object.fromEntries(
        Object.entries(state.typing).filter(([id]) => id !== action.person.id),
      );
      if (action.typing)
        typing[action.person.id] = { name: action.person.name, until: action.now + TYPING_LAPSE_MS };
      return { ...state, typing, names: { ...state.names, [action.person.id]: action.person.name } };
    }
    case 'expireTyping': {
      const live = Object.entries(state.typing).filter(([, t]) => t.until > action.now);
      if (live.length === Object.keys(state.typing).length) return state;
      return { ...state, typing: Object.fromEntries(live) };
    }
    case 'presence': {
      const others = state.online.filter((id) => id !== action.personId);
      return { ...state, online: action.online ? [...others, action.personId] : others };
    }
    case 'read':
      return { ...state, reads: { ...state.reads, [action.personId]: action.messageId } };
    case 'names':
      return { ...state, names: { ...action.names, ...state.names } };
  }
}
