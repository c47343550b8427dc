/**
 * `npm run admin -- rooms reconcile-threads`: threads stored before "replies follow their root" are
 * brought in line (replies of a quarantined root hidden, replies below their root raised, RED replies
 * narrowed to the root's audience), audited, and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { roomCommands } from '../../../../server/admin/commands/rooms.js';
import type { Output } from '../../../../server/admin/commandKit.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { MessageModel } from '../../../../server/models/Message.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';

async function run(): Promise<string> {
  const command = roomCommands.find((c) => c.name === 'rooms reconcile-threads')!;
  const lines: string[] = [];
  const out: Output = { json: false, print: (_value, human) => lines.push(human()) };
  await command.run([], out);
  return lines.join('\n');
}

describe('npm run admin -- rooms reconcile-threads', () => {
  let people: SharingPeople;
  let roomId: Types.ObjectId;

  /** A message stored as older code would have stored it (no thread rules applied). */
  const stored = (fields: Record<string, unknown>) =>
    MessageModel.create({
      spaceId: roomId,
      spaceHubId: null,
      authorId: people.practitioner.id,
      authorCityId: null,
      authorName: 'Pierre',
      state: 'visible',
      published: false,
      clientId: new Types.ObjectId().toHexString(),
      body: 'text',
      html: '<p>text</p>',
      audienceIds: [],
      ...fields,
    });

  before(async () => {
    await resetDatabase();
    people = (await seedSharing()).people;
    roomId = (await SpaceModel.findOne({ slug: 'workshop' }).lean())!._id;
  });

  it('hides, raises and narrows what older code stored, audited; a second run changes nothing', async () => {
    const hiddenRoot = await stored({ label: 'GREEN', state: 'quarantined', replyCount: 1 });
    const orphan = await stored({ label: 'GREEN', threadId: hiddenRoot._id });
    const redRoot = await stored({
      label: 'RED',
      replyCount: 2,
      audienceIds: [people.practitioner.id, people.focal.id],
    });
    const below = await stored({ label: 'GREEN', threadId: redRoot._id });
    const wide = await stored({
      label: 'RED',
      threadId: redRoot._id,
      audienceIds: [people.practitioner.id, people.focal.id, people.expert.id],
    });

    assert.match(await run(), /2 threads read: 1 replies hidden, 2 relabelled/);
    assert.equal((await MessageModel.findById(orphan._id).lean())?.topicHidden, true);
    const raised = await MessageModel.findById(below._id).lean();
    assert.equal(raised?.label, 'RED');
    assert.deepEqual(
      raised?.audienceIds.map(String).sort(),
      [people.practitioner.id, people.focal.id].sort(),
    );
    const narrowed = await MessageModel.findById(wide._id).lean();
    assert.deepEqual(
      narrowed?.audienceIds.map(String).sort(),
      [people.practitioner.id, people.focal.id].sort(),
    );
    assert.equal(
      await AuditEntryModel.countDocuments({ action: 'content.relabelled', 'target.id': String(below._id) }),
      1,
    );

    assert.match(await run(), /2 threads read: 0 replies hidden, 0 relabelled/);
  });
});
