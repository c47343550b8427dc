/**
 * The labelled-content kernel, for each content type it serves (posts, room messages): one table of
 * cases run against both declarations, over the real database and the real policy. Each declaration
 * is used as declared except `publish`, which records what the kernel published instead of going to
 * the bus (the bus and the sockets have their own tests).
 */
import assert from 'node:assert/strict';
import type { ContentType } from '../../../../shared/policy/content.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { MessageModel } from '../../../../server/models/Message.js';
import { NotificationModel } from '../../../../server/models/Notification.js';
import { AppError } from '../../../../server/errors.js';
import { loadContent, type ContentDocs } from '../../../../server/policy/contentAccess.js';
import { loadSharingContext } from '../../../../server/policy/loadSharingContext.js';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import type { ContentKind, KernelChange } from '../../../../server/services/content/contentKind.js';
import {
  createContent,
  prepareContent,
  storeContent,
  type ContentBody,
} from '../../../../server/services/content/createContent.js';
import {
  expireContent,
  RETENTION_REASON,
  retentionCutoff,
} from '../../../../server/services/content/expireContent.js';
import { loadContentFor } from '../../../../server/services/content/loadContentFor.js';
import { changeContentState, tombstoneContent } from '../../../../server/services/content/moderateContent.js';
import { QUARANTINE, RESTORE } from '../../../../server/services/moderation/moderationStep.js';
import { POST_KIND } from '../../../../server/services/posts/postKind.js';
import { MESSAGE_KIND } from '../../../../server/services/rooms/messageKind.js';
import { storeMessage } from '../../../../server/services/rooms/storeMessages.js';
import { spaceBySlug } from '../../../../server/services/spaces/spaceLookups.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

type Published = { change: KernelChange; id: string };

/** A declaration as declared, publishing into `log` instead of the bus. */
function recording<T extends ContentType>(kind: ContentKind<T>, log: Published[]): ContentKind<T> {
  return { ...kind, publish: (change, _before, after) => log.push({ change, id: String(after._id) }) };
}

let sequence = 0;

/** The type's own fields of a new item (a message has a client id and its author's name). */
function bodyOf<T extends ContentType>(type: T, text: string): ContentBody<T> {
  sequence += 1;
  if (type === 'Post') return { fields: { title: `t${sequence}`, body: text } } as ContentBody<T>;
  return {
    fields: {
      body: text,
      html: `<p>${text}</p>`,
      clientId: `kernel-${sequence}`,
      authorName: 'x',
      threadId: null,
    },
    insert: (doc: Record<string, unknown>) => storeMessage(new MessageModel(doc)),
  } as unknown as ContentBody<T>;
}

async function contextOf(who: { id: string }) {
  const actor = await loadActivePersonActor(who.id);
  assert.ok(actor);
  return loadSharingContext(actor);
}

async function spaceNamed(slug: string) {
  const space = await spaceBySlug(slug);
  assert.ok(space);
  return space;
}

/** The AppError a promise rejects with. */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

for (const declared of [POST_KIND, MESSAGE_KIND] as ContentKind[]) {
  describe(`the content kernel serves ${declared.type}`, function () {
    this.timeout(60_000);
    let people: SharingPeople;
    const log: Published[] = [];
    const kind = recording(declared, log);

    before(async () => {
      await resetDatabase();
      people = (await seedSharing()).people;
    });
    beforeEach(() => {
      log.length = 0;
    });

    it('refuses a label above the ceiling, naming it, with a stable reason and its parameters', async () => {
      const ctx = await contextOf(people.practitioner);
      const space = await spaceNamed('lyon-internal');
      const error = await refusal(prepareContent(ctx, kind, { space, label: 'RED', authorize: false }));
      assert.equal(error.code, 'invalid');
      assert.equal(error.reason, 'label_above_ceiling');
      assert.deepEqual(error.params, { label: 'RED', ceiling: 'AMBER+STRICT', space: 'lyon-internal' });
      assert.match(error.message, /AMBER\+STRICT/);
    });

    it('refuses a reply below its parent, naming the parent’s label', async () => {
      const ctx = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const parent = { label: 'AMBER' as const, audienceIds: [], noun: 'thread' as const };
      const error = await refusal(prepareContent(ctx, kind, { space, label: 'GREEN', parent }));
      assert.equal(error.reason, 'label_below_parent');
      assert.deepEqual(error.params, { label: 'GREEN', parent: 'AMBER' });
    });

    it('asks the policy for the create right: someone outside the space is refused', async () => {
      const ctx = await contextOf(people.isc);
      const space = await spaceNamed('workshop');
      const error = await refusal(prepareContent(ctx, kind, { space, label: 'GREEN' }));
      assert.equal(error.code, 'forbidden');
    });

    it('gives RED its audience now, kept to a RED parent’s audience, and the author’s city', async () => {
      const ctx = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const plain = await prepareContent(ctx, kind, { space, label: 'RED' });
      assert.deepEqual(
        [...plain.fields.audienceIds].sort(),
        [people.practitioner.id, people.otherCity.id, people.focal.id].sort(),
      );
      assert.equal(plain.fields.authorId, people.practitioner.id);
      assert.ok(plain.fields.authorCityId);
      const parent = { label: 'RED' as const, audienceIds: [people.practitioner.id], noun: 'topic' as const };
      const narrowed = await prepareContent(ctx, kind, { space, label: 'RED', parent });
      assert.deepEqual(narrowed.fields.audienceIds, [people.practitioner.id]);
      const green = await prepareContent(ctx, kind, { space, label: 'GREEN' });
      assert.deepEqual(green.fields.audienceIds, []);
    });

    it('stores with its search index and publishes `created` once', async () => {
      const ctx = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const { item, created } = await createContent(
        ctx,
        kind,
        { space, label: 'GREEN' },
        bodyOf(kind.type, 'kernelword depots'),
      );
      assert.equal(created, true);
      assert.ok((item.tokens as string[]).some((t) => t.startsWith('kernelword')));
      assert.deepEqual(log, [{ change: 'created', id: String(item._id) }]);
    });

    it('loads by id only for those who may know the item exists', async () => {
      const ctx = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const { item } = await createContent(ctx, kind, { space, label: 'AMBER' }, bodyOf(kind.type, 'x'));
      const id = String(item._id);
      assert.equal(String((await loadContentFor(ctx, kind.type, id))._id), id);
      const outsider = await contextOf(people.isc);
      assert.equal((await refusal(loadContentFor(outsider, kind.type, id))).code, 'not_found');
    });

    it('quarantines and restores once each, audited, told, published; a second try is a conflict', async () => {
      const author = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const { item } = await createContent(author, kind, { space, label: 'GREEN' }, bodyOf(kind.type, 'y'));
      const id = String(item._id);
      const moderator = await loadActivePersonActor(people.moderator.id);
      assert.ok(moderator);
      log.length = 0;
      const { after } = await changeContentState(kind, moderator, id, 'names a site', QUARANTINE);
      assert.equal(after.state, 'quarantined');
      const again = await refusal(changeContentState(kind, moderator, id, 'again', QUARANTINE));
      assert.equal(again.code, 'conflict');
      assert.equal(again.reason, 'state_conflict');
      await changeContentState(kind, moderator, id, 'fine after all', RESTORE);
      assert.deepEqual(
        log.map((p) => p.change),
        ['quarantined', 'restored'],
      );
      const audited = await AuditEntryModel.find({ 'target.id': id }).lean();
      assert.deepEqual(
        audited.map((a) => a.action).filter((a) => a !== 'content.viewed'),
        ['content.quarantined', 'content.restored'],
      );
      const told = await NotificationModel.find({
        itemId: item._id,
        recipientId: people.practitioner.id,
      }).lean();
      assert.deepEqual(
        told.map((n) => n.kind).sort(),
        [kind.notices.quarantined, kind.notices.restored].sort(),
      );
      const outsider = await loadActivePersonActor(people.isc.id);
      assert.ok(outsider);
      assert.equal(
        (await refusal(changeContentState(kind, outsider, id, 'no', QUARANTINE))).code,
        'not_found',
      );
    });

    it('deletes to a tombstone once: text and index erased, history kept, published', async () => {
      const author = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const { item } = await createContent(
        author,
        kind,
        { space, label: 'GREEN' },
        bodyOf(kind.type, 'erasedword'),
      );
      const moderator = await loadActivePersonActor(people.moderator.id);
      assert.ok(moderator);
      log.length = 0;
      const why = { reason: 'spam', auditedReason: 'spam', audit: true };
      assert.equal(await tombstoneContent(kind, moderator, item as ContentDocs[ContentType], why), true);
      assert.equal(await tombstoneContent(kind, moderator, item as ContentDocs[ContentType], why), false);
      const stored = await loadContent(String(item._id), kind.type);
      assert.ok(stored);
      assert.equal(stored.state, 'deleted');
      assert.deepEqual(stored.tokens, []);
      assert.notEqual(stored.body, 'erasedword');
      assert.deepEqual(
        stored.moderation.map((m) => m.action),
        ['delete'],
      );
      assert.deepEqual(log, [{ change: 'deleted', id: String(item._id) }]);
      // The author still finds their tombstone; others do not.
      assert.equal((await loadContentFor(author, kind.type, String(item._id))).state, 'deleted');
      const other = await contextOf(people.focal);
      assert.equal((await refusal(loadContentFor(other, kind.type, String(item._id)))).code, 'not_found');
    });

    it('deletes what is older than the retention period with a tombstone, audited; keeps the rest', async () => {
      const author = await contextOf(people.practitioner);
      const space = await spaceNamed('workshop');
      const make = async (text: string) =>
        (await createContent(author, kind, { space, label: 'GREEN' }, bodyOf(kind.type, text))).item;
      const old = await make('oldword');
      const recent = await make('recentword');
      const now = new Date();
      const cutoff = retentionCutoff(30, now);
      await kind.model.collection.updateOne(
        { _id: old._id },
        { $set: { createdAt: new Date(cutoff.getTime() - 60_000) } },
      );
      log.length = 0;
      assert.deepEqual(await expireContent(kind, cutoff), { type: kind.type, deleted: 1 });
      assert.deepEqual(await expireContent(kind, cutoff), { type: kind.type, deleted: 0 }, 'once');
      const gone = await loadContent(String(old._id), kind.type);
      assert.equal(gone?.state, 'deleted');
      assert.deepEqual(gone?.tokens, []);
      assert.deepEqual(
        gone?.moderation.map((m) => [m.action, m.reason]),
        [['delete', RETENTION_REASON]],
      );
      assert.equal((await loadContent(String(recent._id), kind.type))?.state, 'visible');
      assert.deepEqual(log, [{ change: 'deleted', id: String(old._id) }]);
      const audit = await AuditEntryModel.findOne({
        action: 'content.deleted',
        'target.id': String(old._id),
      }).lean();
      assert.equal(audit?.actor.kind, 'operator');
      assert.equal((audit?.details as { reason?: string }).reason, RETENTION_REASON);
    });
  });
}

describe('the content kernel keeps client ids idempotent (room messages)', function () {
  this.timeout(60_000);
  let people: SharingPeople;

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
  });

  it('answers a retried client id with the stored item, storing and publishing nothing new', async () => {
    const log: Published[] = [];
    const kind = recording(MESSAGE_KIND, log);
    const ctx = await contextOf(people.practitioner);
    const space = await spaceNamed('workshop');
    const body = {
      fields: {
        body: 'once',
        html: '<p>once</p>',
        clientId: 'same-client-id',
        authorName: 'x',
        threadId: null,
      },
      insert: (doc: Record<string, unknown>) => storeMessage(new MessageModel(doc)),
      retried: async () =>
        (await MessageModel.findOne({
          authorId: people.practitioner.id,
          clientId: 'same-client-id',
        }).lean()) as never,
    };
    const first = await storeContent(kind, await prepareContent(ctx, kind, { space, label: 'GREEN' }), body);
    const second = await storeContent(kind, await prepareContent(ctx, kind, { space, label: 'GREEN' }), body);
    assert.equal(first.created, true);
    assert.equal(second.created, false);
    assert.equal(String(second.item._id), String(first.item._id));
    assert.equal(await MessageModel.countDocuments({ clientId: 'same-client-id' }), 1);
    assert.deepEqual(log, [{ change: 'created', id: String(first.item._id) }]);
  });
});
