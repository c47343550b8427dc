import assert from 'node:assert/strict';
import { LABELS } from '../../../../shared/policy/labels.js';
import { notificationBody } from '../../../../server/services/notifications/notificationBody.js';

const space = { slug: 'mayors', name: 'Mayors', chathamHouse: false };
const item = (label: string) => ({ label, title: 'Secret title', body: 'Secret body', authorName: 'Omar' });

describe('notificationBody', () => {
  it('carries the content of CLEAR and GREEN only; AMBER and above say "new material" with a link', () => {
    const bodies = LABELS.map((label) =>
      notificationBody({ kind: 'post.created', reason: null, link: '/posts/p1', space, item: item(label) }),
    );
    assert.deepEqual(bodies, [
      {
        text: 'New material in Mayors',
        link: '/posts/p1',
        title: 'Secret title',
        body: 'Secret body',
        author: 'Omar',
      },
      {
        text: 'New material in Mayors',
        link: '/posts/p1',
        title: 'Secret title',
        body: 'Secret body',
        author: 'Omar',
      },
      { text: 'New material in Mayors', link: '/posts/p1' },
      { text: 'New material in Mayors', link: '/posts/p1' },
      { text: 'New material in Mayors', link: '/posts/p1' },
    ]);
  });

  it('names nobody under the Chatham House Rule', () => {
    const body = notificationBody({
      kind: 'post.created',
      reason: null,
      link: '/posts/p1',
      space: { ...space, chathamHouse: true },
      item: item('GREEN'),
    });
    assert.equal(body?.author, undefined);
    assert.equal(body?.body, 'Secret body');
  });

  it('says nothing about an item the recipient may not read now', () => {
    assert.equal(
      notificationBody({ kind: 'post.created', reason: null, link: '/posts/p1', space, item: null }),
      null,
    );
  });

  it('tells moderation outcomes with the reason, never the content', () => {
    const body = notificationBody({
      kind: 'post.quarantined',
      reason: 'personal data',
      link: '/posts/p1',
      space,
      item: item('GREEN'),
    });
    assert.deepEqual(body, {
      text: 'Material in Mayors was quarantined by a moderator: personal data',
      link: '/posts/p1',
      notice: { kind: 'post.quarantined', space: 'Mayors', reason: 'personal data' },
    });
  });

  it('tells mentions and replies apart only where the content may leave; a message has no title', () => {
    const green = notificationBody({
      kind: 'message.mentioned',
      reason: null,
      link: '/rooms/r1/messages/m1',
      space,
      item: { ...item('GREEN'), title: null },
    });
    assert.deepEqual(green, {
      text: 'You were mentioned in Mayors',
      link: '/rooms/r1/messages/m1',
      body: 'Secret body',
      author: 'Omar',
    });
    const amber = notificationBody({
      kind: 'post.replied',
      reason: null,
      link: '/posts/p1',
      space,
      item: item('AMBER'),
    });
    assert.deepEqual(amber, { text: 'New material in Mayors', link: '/posts/p1' });
  });
});
