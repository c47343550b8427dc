import assert from 'node:assert/strict';
import { MessageSend, isSingleEmoji } from '../../../shared/schemas/rooms.js';
import { ackError, isPlainObject } from '../../../server/sockets/ack.js';
import { ForbiddenError, InvalidError, RateLimitedError } from '../../../server/errors.js';

describe('socket acks', () => {
  it('maps service errors to the ack codes, with the first field', () => {
    assert.deepEqual(ackError(new ForbiddenError()), {
      code: 'forbidden',
      message: 'You are not allowed to do this.',
    });
    assert.deepEqual(ackError(new InvalidError('Above the ceiling', [{ path: 'label', message: 'x' }])), {
      code: 'invalid',
      message: 'Above the ceiling',
      field: 'label',
    });
    assert.equal(ackError(new RateLimitedError(3)).code, 'rate_limited');
  });

  it('answers too_large for long bodies and invalid for other bad input', () => {
    const long = MessageSend.safeParse({
      roomId: 'a'.repeat(24),
      clientId: 'abcdefgh',
      body: 'x'.repeat(9000),
    });
    assert.ok(!long.success);
    assert.deepEqual(ackError(long.error), {
      code: 'too_large',
      message: 'The message is too long.',
      field: 'body',
    });
    const bad = MessageSend.safeParse({ roomId: 'nope', clientId: 'abcdefgh', body: 'x' });
    assert.ok(!bad.success);
    assert.equal(ackError(bad.error).code, 'invalid');
    assert.equal(ackError(bad.error).field, 'roomId');
  });

  it('reveals nothing of unexpected errors', () => {
    const answer = ackError(new Error('connection string mongodb://secret@db'));
    assert.deepEqual(answer, { code: 'unavailable', message: 'Something went wrong; try again.' });
  });

  it('accepts only plain objects as payloads', () => {
    assert.ok(isPlainObject({ a: 1 }));
    assert.ok(isPlainObject(Object.create(null)));
    for (const value of [null, undefined, 'x', 1, [], Buffer.from('x'), () => 1, new Date()])
      assert.equal(isPlainObject(value), false, String(value));
  });

  it('accepts one emoji per reaction', () => {
    for (const ok of ['👍', '❤️', '🇫🇷', '👩‍👩‍👧', '👍🏽', '1️⃣']) assert.ok(isSingleEmoji(ok), ok);
    for (const bad of ['', 'a', '👍👍', '👍 ', '\u200f👍', ':)', '😀'.repeat(9)])
      assert.ok(!isSingleEmoji(bad), bad);
  });
});
