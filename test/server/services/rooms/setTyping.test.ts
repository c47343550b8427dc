import assert from 'node:assert/strict';
import { bareContext } from '../../../../shared/policy/sharingContext.js';
import type { RoomGrant } from '../../../../server/services/rooms/roomAccess.js';
import { setTyping, TYPING_THROTTLE_MS } from '../../../../server/services/rooms/setTyping.js';

function grant(): RoomGrant {
  const actor = { kind: 'person', id: 'p1', name: 'Pat', cityId: null, roles: [] } as const;
  return {
    roomId: 'r1',
    space: {} as RoomGrant['space'],
    actor,
    ctx: bareContext(actor),
    role: 'member',
  };
}

describe('setTyping', () => {
  it('tells "typing" at most once per throttle window, and "stopped" only after "typing"', () => {
    const g = grant();
    assert.equal(setTyping(g, false, 1000), null, 'nothing to stop');
    assert.deepEqual(setTyping(g, true, 1000), {
      roomId: 'r1',
      person: { id: 'p1', name: 'Pat' },
      typing: true,
    });
    assert.equal(setTyping(g, true, 1000 + TYPING_THROTTLE_MS - 1), null);
    assert.equal(setTyping(g, true, 1000 + TYPING_THROTTLE_MS)?.typing, true);
    assert.equal(setTyping(g, false, 1000 + TYPING_THROTTLE_MS + 1)?.typing, false);
    assert.equal(setTyping(g, false, 1000 + TYPING_THROTTLE_MS + 2), null);
    assert.equal(
      setTyping(g, true, 1000 + TYPING_THROTTLE_MS + 3)?.typing,
      true,
      'typing again after stopping',
    );
  });
});
