import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Types } from 'mongoose';
import { LABELS, type Label } from '../../../shared/policy/labels.js';
import { CONTENT_STATES, type ContentState } from '../../../shared/policy/content.js';
import { bareContext, type SharingContext } from '../../../shared/policy/sharingContext.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import type { PostDoc } from '../../../server/models/Post.js';
import { broadcast, computeDeliveries, type RoomEmitter } from '../../../server/sockets/broadcast.js';
import { canShare } from '../../../server/policy/sharingAccess.js';
import type { ContentEventType } from '../../../server/events/contentEvents.js';

const oid = () => new Types.ObjectId();
const SPACE = oid();
const OTHER_SPACE = oid();

function person(name: string, spaces: Types.ObjectId[], roles: Role[] = ['practitioner']): SharingContext {
  const id = oid().toHexString();
  return {
    ...bareContext({ kind: 'person', id, name, cityId: null, roles }),
    spaceIds: spaces.map(String),
  };
}
const idOf = (ctx: SharingContext) => (ctx.actor.kind === 'person' ? ctx.actor.id : '');

function post(
  label: Label,
  audience: SharingContext[] = [],
  state: ContentState = 'visible',
  author = oid(),
): PostDoc {
  return {
    _id: oid(),
    spaceId: SPACE,
    spaceHubId: null,
    label,
    audienceIds: audience.map((c) => new Types.ObjectId(idOf(c))),
    authorId: author,
    authorCityId: null,
    state,
    published: false,
    title: 'Title',
    body: 'Body',
    tokens: [],
    forwardedFrom: null,
    moderation: [],
    createdAt: new Date(),
    updatedAt: new Date(),
  } as unknown as PostDoc;
}

function recorder(): RoomEmitter & { sent: [string, string, unknown][] } {
  const sent: [string, string, unknown][] = [];
  return {
    sent,
    to: (room) => ({ emit: (event, payload) => sent.push([room, event, payload]) }),
  };
}

describe('the broadcaster', () => {
  const ana = person('Ana', [SPACE]);
  const ben = person('Ben', [SPACE]);
  const cat = person('Cat', [OTHER_SPACE]);
  const everyone = [
    ana,
    ben,
    cat,
    bareContext({ kind: 'anonymous' }),
    bareContext({ kind: 'operator', name: 'cli' }),
  ];

  it('sends new GREEN material to the space members only, each in their own room', () => {
    const item = post('GREEN');
    const io = recorder();
    broadcast(io, { type: 'created', before: null, after: item }, everyone);
    assert.deepEqual(
      io.sent.map(([room, event]) => [room, event]),
      [
        [`person:${idOf(ana)}`, 'post:created'],
        [`person:${idOf(ben)}`, 'post:created'],
      ],
    );
    assert.deepEqual(io.sent[0]![2], {
      id: String(item._id),
      space: String(SPACE),
      label: 'GREEN',
      title: 'Title',
      body: 'Body',
      state: 'visible',
      topicId: null,
      categoryId: null,
    });
  });

  it('names the topic and category of a forum reply in its delivery', () => {
    const topicId = oid();
    const categoryId = oid();
    const reply = { ...post('GREEN'), topicId, categoryId } as PostDoc;
    const [first] = computeDeliveries({ type: 'created', before: null, after: reply }, [ana]);
    assert.equal(first?.event, 'post:created');
    assert.deepEqual(
      first && 'title' in first.payload ? [first.payload.topicId, first.payload.categoryId] : null,
      [String(topicId), String(categoryId)],
    );
  });

  it('sends new RED material to its audience only', () => {
    const item = post('RED', [ana]);
    const deliveries = computeDeliveries({ type: 'created', before: null, after: item }, everyone);
    assert.deepEqual(
      deliveries.map((d) => [d.personId, d.event]),
      [[idOf(ana), 'post:created']],
    );
  });

  it('removes a relabelled item from those who may no longer see it', () => {
    const before = post('AMBER');
    const after = { ...before, label: 'RED', audienceIds: [new Types.ObjectId(idOf(ana))] } as PostDoc;
    const deliveries = computeDeliveries({ type: 'relabelled', before, after }, everyone);
    assert.deepEqual(
      deliveries.map((d) => [d.personId, d.event, d.event === 'post:removed' ? d.payload : null]),
      [
        [idOf(ana), 'post:updated', null],
        [idOf(ben), 'post:removed', { id: String(before._id) }],
      ],
    );
  });

  it('quarantine and deletion remove the item from every reader, with no content', () => {
    for (const state of ['quarantined', 'deleted'] as const) {
      const before = post('GREEN');
      const after = { ...before, state } as PostDoc;
      const deliveries = computeDeliveries(
        { type: state === 'deleted' ? 'deleted' : 'quarantined', before, after },
        everyone,
      );
      assert.deepEqual(
        deliveries.map((d) => [d.personId, d.event, JSON.stringify(d.payload)]),
        [
          [idOf(ana), 'post:removed', JSON.stringify({ id: String(before._id) })],
          [idOf(ben), 'post:removed', JSON.stringify({ id: String(before._id) })],
        ],
      );
    }
  });

  it('a restored item comes back to its readers', () => {
    const before = post('GREEN', [], 'quarantined');
    const after = { ...before, state: 'visible' } as PostDoc;
    const deliveries = computeDeliveries({ type: 'restored', before, after }, everyone);
    assert.deepEqual(
      deliveries.map((d) => [d.personId, d.event]),
      [
        [idOf(ana), 'post:created'],
        [idOf(ben), 'post:created'],
      ],
    );
  });

  it('never gives content to anyone who may not read the item after the change (random events)', () => {
    const SPACES = [SPACE, OTHER_SPACE];
    const ctxArb = fc.record({
      spaces: fc.subarray(SPACES),
      roles: fc.subarray([...ROLES]),
    });
    const itemArb = fc.record({
      label: fc.constantFrom(...LABELS),
      state: fc.constantFrom(...CONTENT_STATES),
      space: fc.constantFrom(...SPACES),
      audience: fc.array(fc.nat(5)),
      published: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(ctxArb, { minLength: 1, maxLength: 6 }),
        itemArb,
        fc.option(itemArb, { nil: null }),
        fc.constantFrom<ContentEventType>(
          'created',
          'updated',
          'relabelled',
          'quarantined',
          'moved',
          'deleted',
        ),
        (people, afterSpec, beforeSpec, type) => {
          const candidates = people.map((p, i) => person(`P${i}`, p.spaces, p.roles));
          const id = oid();
          const make = (spec: typeof afterSpec): PostDoc =>
            ({
              ...post(spec.label),
              _id: id,
              spaceId: spec.space,
              state: spec.state,
              published: spec.published,
              audienceIds: spec.audience.flatMap((i) => {
                const c = candidates[i];
                return c ? [new Types.ObjectId(idOf(c))] : [];
              }),
            }) as PostDoc;
          const after = make(afterSpec);
          const before = beforeSpec ? make(beforeSpec) : null;
          const deliveries = computeDeliveries({ type, before, after }, candidates);
          for (const ctx of candidates) {
            const mine = deliveries.filter((d) => d.personId === idOf(ctx));
            const may = canShare(ctx, 'read', 'Post', after as unknown as Record<string, unknown>);
            const could =
              before !== null && canShare(ctx, 'read', 'Post', before as unknown as Record<string, unknown>);
            const expected = may ? ['content'] : could ? ['post:removed'] : [];
            assert.deepEqual(
              mine.map((d) => (d.event === 'post:removed' ? d.event : 'content')),
              expected,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
