/**
 * The retention job: each content type with RETENTION_DAYS_<setting> set loses what is older than that
 * (deleted with a tombstone by the kernel); a type without a period keeps everything; with no period at
 * all the job does nothing and says so.
 */
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { MessageModel } from '../../../server/models/Message.js';
import { PostModel } from '../../../server/models/Post.js';
import { createLogger } from '../../../server/logger.js';
import { runRetention, startRetentionJob } from '../../../server/ops/retentionJob.js';
import type { ContentKind } from '../../../server/services/content/contentKind.js';
import { POST_KIND } from '../../../server/services/posts/postKind.js';
import { MESSAGE_KIND } from '../../../server/services/rooms/messageKind.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { seedSharing } from '../../support/sharingFixtures.js';
import request from 'supertest';
import { testApp } from '../../support/app.js';

const KINDS = [POST_KIND, MESSAGE_KIND] as ContentKind[];
const DAY = 24 * 60 * 60 * 1000;

describe('the retention job', function () {
  this.timeout(60_000);

  it('deletes only the types that have a period, and only what is older than it', async () => {
    await resetDatabase();
    const { people } = await seedSharing();
    const app = testApp();
    const post = await request(app)
      .post('/api/v1/spaces/workshop/posts')
      .set(people.practitioner.auth)
      .send({ title: 'Old post', body: 'old', label: 'GREEN' })
      .expect(201);
    const workshop = (await request(app).get('/api/v1/spaces/workshop').set(people.admin.auth).expect(200))
      .body;
    const message = await request(app)
      .post(`/api/v1/rooms/${workshop.id}/messages`)
      .set(people.practitioner.auth)
      .send({ clientId: crypto.randomUUID(), body: 'old message', label: 'GREEN' })
      .expect(200);
    const fresh = await request(app)
      .post(`/api/v1/rooms/${workshop.id}/messages`)
      .set(people.practitioner.auth)
      .send({ clientId: crypto.randomUUID(), body: 'fresh message', label: 'GREEN' })
      .expect(200);
    const now = new Date();
    const longAgo = new Date(now.getTime() - 40 * DAY);
    await PostModel.collection.updateOne(
      { _id: new Types.ObjectId(post.body.id as string) },
      { $set: { createdAt: longAgo } },
    );
    await MessageModel.collection.updateOne(
      { _id: new Types.ObjectId(message.body.id as string) },
      { $set: { createdAt: longAgo } },
    );

    const config = testConfig({ RETENTION_DAYS_MESSAGES: '30' });
    assert.deepEqual(await runRetention(config, KINDS, now), [{ type: 'Message', deleted: 1 }]);
    assert.equal((await MessageModel.findById(message.body.id).lean())?.state, 'deleted');
    assert.equal((await MessageModel.findById(fresh.body.id).lean())?.state, 'visible');
    assert.equal((await PostModel.findById(post.body.id).lean())?.state, 'visible', 'posts have no period');

    const both = testConfig({ RETENTION_DAYS_MESSAGES: '30', RETENTION_DAYS_POSTS: '30' });
    assert.deepEqual(await runRetention(both, KINDS, now), [
      { type: 'Post', deleted: 1 },
      { type: 'Message', deleted: 0 },
    ]);
    assert.equal((await PostModel.findById(post.body.id).lean())?.state, 'deleted');
  });

  it('refuses a period that is not a whole number of days', () => {
    assert.throws(() => testConfig({ RETENTION_DAYS_POSTS: 'ten' }), /RETENTION_DAYS_POSTS/);
    assert.throws(() => testConfig({ RETENTION_DAYS_MESSAGES: '0' }), /RETENTION_DAYS_MESSAGES/);
  });

  it('does nothing without a period, and says so once', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', {
      format: 'json',
      destination: { write: (l) => void lines.push(l) },
    });
    const job = startRetentionJob({ config: testConfig(), logger, kinds: KINDS });
    await job.stop();
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /No RETENTION_DAYS_\* is set/);
  });
});
