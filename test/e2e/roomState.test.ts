/**
 * The room page's reducer (client/src/pages/rooms/roomState.ts): a reply that arrives live while its
 * thread's history is still being read is kept and joins the thread, even when the history was read
 * before the reply was written.
 */
import assert from 'node:assert/strict';
import type { MessageDelivery } from '../../shared/events.js';
import { initialRoomState, roomReducer, type RoomState } from '../../client/src/pages/rooms/roomState.js';

function message(id: string, threadId: string | null, createdAt: string): MessageDelivery {
  return {
    id,
    threadId,
    createdAt,
    state: 'visible',
    body: `body ${id}`,
  } as unknown as MessageDelivery;
}

const root = message('m1', null, '2026-12-01T10:00:00.000Z');
const earlier = message('r1', 'm1', '2026-12-01T10:01:00.000Z');
const live = message('r2', 'm1', '2026-12-01T10:02:00.000Z');
const other = message('r3', 'm9', '2026-12-01T10:03:00.000Z');

function ids(state: RoomState, threadId: string): string[] | undefined {
  return state.threads[threadId]?.map((m) => m.id);
}

describe('room state: threads', () => {
  it('keeps a reply that arrives before the thread history, and merges it with that history once', () => {
    let state = roomReducer(initialRoomState, { type: 'upsert', message: root });
    state = roomReducer(state, { type: 'threadOpening', threadId: 'm1' });
    assert.equal(ids(state, 'm1'), undefined, 'still loading');
    state = roomReducer(state, { type: 'upsert', message: live });
    state = roomReducer(state, { type: 'upsert', message: other });
    // The history was read before r2 was written: it holds r1 only.
    state = roomReducer(state, { type: 'thread', threadId: 'm1', items: [earlier] });
    assert.deepEqual(ids(state, 'm1'), ['r1', 'r2']);
    assert.deepEqual(state.opening, {}, 'nothing left waiting');
    assert.equal(ids(state, 'm9'), undefined, 'replies to threads nobody opened are not kept');
    assert.deepEqual(
      state.messages.map((m) => m.id),
      ['m1'],
      'replies stay out of the room list',
    );
  });

  it('shows a history that already holds the live reply once', () => {
    let state = roomReducer(initialRoomState, { type: 'threadOpening', threadId: 'm1' });
    state = roomReducer(state, { type: 'upsert', message: live });
    state = roomReducer(state, { type: 'thread', threadId: 'm1', items: [earlier, live] });
    assert.deepEqual(ids(state, 'm1'), ['r1', 'r2']);
  });

  it('drops a reply removed while its thread was opening', () => {
    let state = roomReducer(initialRoomState, { type: 'threadOpening', threadId: 'm1' });
    state = roomReducer(state, { type: 'upsert', message: live });
    state = roomReducer(state, { type: 'remove', id: 'r2' });
    state = roomReducer(state, { type: 'thread', threadId: 'm1', items: [earlier] });
    assert.deepEqual(ids(state, 'm1'), ['r1']);
  });

  it('keeps live replies of a thread opened a second time', () => {
    let state = roomReducer(initialRoomState, { type: 'threadOpening', threadId: 'm1' });
    state = roomReducer(state, { type: 'thread', threadId: 'm1', items: [earlier] });
    state = roomReducer(state, { type: 'threadOpening', threadId: 'm1' });
    state = roomReducer(state, { type: 'upsert', message: live });
    state = roomReducer(state, { type: 'thread', threadId: 'm1', items: [earlier] });
    assert.deepEqual(ids(state, 'm1'), ['r1', 'r2']);
  });
});
