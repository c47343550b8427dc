import assert from 'node:assert/strict';
import { MessageSend, isSingleEmoji } from '../../../shared/schemas/rooms.js';
import type { ClientEventName, ClientEventPayload } from '../../../shared/events.js';
import { CLIENT_EVENT_SCHEMAS } from '../../../shared/schemas/socketEvents.js';
import { ackError, isPlainObject, type EventHandlers } from '../../../server/sockets/ack.js';
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

  it('carries a stable reason and its parameters, for the client to say it in the reader’s language', () => {
    const error = new InvalidError('Above the ceiling', [{ path: 'label', message: 'x' }], {
      reason: 'label_above_ceiling',
      params: { label: 'RED', ceiling: 'AMBER', space: 'lyon' },
    });
    assert.deepEqual(ackError(error), {
      code: 'invalid',
      message: 'Above the ceiling',
      field: 'label',
      reason: 'label_above_ceiling',
      params: { label: 'RED', ceiling: 'AMBER', space: 'lyon' },
    });
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

  it('types each event by its name: the schema, the payload and the answer follow the event', () => {
    // Compiled by `npm run typecheck`: each @ts-expect-error fails the build if the line compiles.
    // Never called: the socket is only a type here.
    const registrations = () => {
      const misnamed: EventHandlers = {
        // @ts-expect-error an event name that is not in the contract
        'message:sned': async () => null,
      };
      const wrongAnswer: EventHandlers = {
        // @ts-expect-error the wrong answer for message:delete (it answers { id })
        'message:delete': async () => ({ roomId: 'x' }),
      };
      const typed: EventHandlers = {
        'message:delete': async (_socket, input) => {
          // @ts-expect-error a field message:delete's payload does not have
          void input.roomId;
          return { id: input.messageId };
        },
      };
      const wrong: ClientEventPayload<'message:send'> = {
        roomId: 'r',
        clientId: 'c',
        body: 'b',
        // @ts-expect-error a label outside the TLP vocabulary in a client payload
        label: 'PINK',
      };
      const language: ClientEventPayload<'message:send'>['language'] = 'fr';
      return [misnamed, wrongAnswer, typed, wrong, language];
    };
    assert.equal(typeof registrations, 'function');
    // At run time: every event of the contract has a strict schema.
    const events = Object.keys(CLIENT_EVENT_SCHEMAS) as ClientEventName[];
    assert.equal(events.length, 10);
    for (const event of events)
      assert.equal(CLIENT_EVENT_SCHEMAS[event].safeParse({ unexpected: 1 }).success, false, event);
  });
});
