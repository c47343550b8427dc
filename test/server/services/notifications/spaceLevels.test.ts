import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import { createMailer, type Mailer } from '../../../../server/auth/mailer.js';
import { createLogger } from '../../../../server/logger.js';
import { NotificationModel, type NotificationDoc } from '../../../../server/models/Notification.js';
import { NotificationPreferenceModel } from '../../../../server/models/NotificationPreference.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { notifyMentions } from '../../../../server/services/notifications/notify.js';
import { sendDigests } from '../../../../server/services/notifications/sendDigests.js';
import { sendMentionEmails } from '../../../../server/services/notifications/sendMentionEmails.js';
import { testApp, testConfig } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, type SharingPeople } from '../../../support/sharingFixtures.js';
import { readableForms, startSmtpSink, type SmtpSink } from '../../../support/smtpSink.js';

const HOUR = 60 * 60 * 1000;

async function spaceOf(slug: string) {
  const s = await SpaceModel.findOne({ slug }, { _id: 1 }).lean();
  assert.ok(s, slug);
  return s._id;
}

describe('per-space notification levels: a muted space sends no notice and no mail', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let mailer: Mailer;
  let app: Express;
  let people: SharingPeople;
  let publicUrl: string;

  before(async () => {
    await resetDatabase();
    ({ people } = await seedSharing());
    sink = await startSmtpSink();
    const config = testConfig({ SMTP_URL: sink.url, PUBLIC_URL: 'https://concordia.test.example' });
    publicUrl = config.publicUrl;
    mailer = createMailer(config, createLogger('silent'));
    app = testApp();
  });
  after(() => sink.close());

  const setLevel = (who: keyof SharingPeople, space: string, level: unknown) =>
    request(app)
      .put(`/api/v1/me/notification-preferences/spaces/${space}`)
      .set(people[who].auth)
      .send({ level });

  async function post(who: keyof SharingPeople, slug: string, title: string) {
    const res = await request(app)
      .post(`/api/v1/spaces/${slug}/posts`)
      .set(people[who].auth)
      .send({ title, body: `${title} body` })
      .expect(201);
    return { _id: String(res.body.id), spaceId: await spaceOf(slug), authorId: people[who].id };
  }

  const noticesOf = async (who: keyof SharingPeople) =>
    (await NotificationModel.find({ recipientId: people[who].id })
      .sort({ _id: 1 })
      .lean()) as NotificationDoc[];

  it('lists my spaces with my level, and sets one; hostile input changes nothing', async () => {
    const listed = await request(app)
      .get('/api/v1/me/notification-preferences/spaces')
      .set(people.practitioner.auth)
      .expect(200);
    const slugs = (listed.body.items as { space: string; level: string }[]).map((i) => i.space);
    for (const slug of ['europe-forum', 'lyon-internal', 'lyon-partners', 'network'])
      assert.ok(slugs.includes(slug), slug);
    assert.ok(!slugs.includes('amman-internal'), 'not a space Pierre takes part in');
    assert.ok((listed.body.items as { level: string }[]).every((i) => i.level === 'all'));

    assert.deepEqual((await setLevel('practitioner', 'europe-forum', 'none').expect(200)).body, {
      space: 'europe-forum',
      name: 'europe-forum',
      kind: 'hub',
      level: 'none',
    });
    await setLevel('practitioner', 'lyon-internal', 'mentions').expect(200);
    await setLevel('practitioner', 'lyon-internal', 'mentions').expect(200);

    // Another city's internal space: not found, as if it did not exist.
    assert.equal((await setLevel('practitioner', 'amman-internal', 'none')).status, 404);
    assert.equal((await setLevel('practitioner', 'no-such-space', 'none')).status, 404);
    for (const level of ['muted', '', null, { $ne: 'all' }, ['none']])
      assert.equal(
        (await setLevel('practitioner', 'lyon-partners', level)).status,
        400,
        JSON.stringify(level),
      );
    const extra = await request(app)
      .put('/api/v1/me/notification-preferences/spaces/lyon-partners')
      .set(people.practitioner.auth)
      .send({ level: 'none', spaceId: String(await spaceOf('amman-internal')) });
    assert.equal(extra.status, 400);
    assert.equal(
      (
        await request(app)
          .put('/api/v1/me/notification-preferences/spaces/Lyon$')
          .set(people.practitioner.auth)
          .send({ level: 'none' })
      ).status,
      400,
    );
    await request(app)
      .put('/api/v1/me/notification-preferences/spaces/lyon-partners')
      .send({ level: 'none' })
      .expect(401);
    await request(app).get('/api/v1/me/notification-preferences/spaces').expect(401);

    const pref = await NotificationPreferenceModel.findById(people.practitioner.id).lean();
    assert.deepEqual(
      (pref?.spaces ?? []).map((s) => [String(s.spaceId), s.level]).sort(),
      [
        [String(await spaceOf('europe-forum')), 'none'],
        [String(await spaceOf('lyon-internal')), 'mentions'],
      ].sort(),
      'one entry per space, nothing from the refused requests',
    );
    // The digest and mention preferences are untouched.
    assert.deepEqual(
      (
        await request(app)
          .get('/api/v1/me/notification-preferences')
          .set(people.practitioner.auth)
          .expect(200)
      ).body,
      { digest: 'daily', mentions: true },
    );
  });

  it('stores no notice from a muted space, only mentions where I chose mentions, everything elsewhere', async () => {
    await NotificationModel.deleteMany({});
    const muted = await post('focal', 'europe-forum', 'Mutedland');
    await notifyMentions(muted, 'Post', [people.practitioner.id]);
    const internal = await post('focal', 'lyon-internal', 'Mentionable');
    await post('focal', 'lyon-partners', 'Partnerland');
    const told = await notifyMentions(internal, 'Post', [people.practitioner.id]);
    assert.deepEqual(told, [people.practitioner.id]);

    const mine = await noticesOf('practitioner');
    assert.deepEqual(
      mine.map((n) => `${n.kind} ${String(n.spaceId)}`).sort(),
      [
        `post.created ${String(await spaceOf('lyon-partners'))}`,
        `post.mentioned ${String(internal.spaceId)}`,
      ],
      'a mention where I chose mentions, everything elsewhere',
    );
    assert.ok(!mine.some((n) => String(n.spaceId) === String(muted.spaceId)), 'nothing from the muted space');
    // Others in the muted space still hear it.
    const otherNotices = await noticesOf('coordinator');
    assert.ok(
      otherNotices.some((n) => String(n.itemId) === muted._id),
      'a colleague who did not mute is told',
    );
    const api = await request(app).get('/api/v1/me/notifications').set(people.practitioner.auth).expect(200);
    assert.ok(!JSON.stringify(api.body).includes('europe-forum'), 'the bell shows nothing of it either');
  });

  it('sends no e-mail for a space muted after the notice was stored (digest and mention e-mail)', async () => {
    await NotificationModel.deleteMany({});
    const item = await post('focal', 'network', 'Networkshire');
    const told = await notifyMentions(item, 'Post', [people.practitioner.id]);
    assert.deepEqual(told, [people.practitioner.id], 'not muted yet: stored');
    await setLevel('practitioner', 'network', 'none').expect(200);

    const stored = await noticesOf('practitioner');
    assert.ok(stored.length >= 1);
    assert.equal(await sendMentionEmails({ mailer, publicUrl }, stored), 0, 'no mention e-mail');

    for (const pref of await NotificationPreferenceModel.find({}, { nextDigestAt: 1 }).lean())
      await NotificationPreferenceModel.updateOne(
        { _id: pref._id },
        { $set: { nextDigestAt: new Date(pref.nextDigestAt.getTime() - 25 * HOUR) } },
      );
    await sendDigests({ mailer, publicUrl, settleMs: -2000 });
    const digests = sink.to(people.practitioner.email).map((m) => readableForms(m.raw));
    assert.ok(
      digests.every((d) => !d.includes('Networkshire') && !d.includes('Mutedland')),
      'no muted material in the digest',
    );

    // Back to "all": the next mention is stored and e-mailed.
    await setLevel('practitioner', 'network', 'all').expect(200);
    await notifyMentions(item, 'Post', [people.practitioner.id]);
    const again = (await noticesOf('practitioner')).filter((n) => n.kind === 'post.mentioned');
    assert.equal(await sendMentionEmails({ mailer, publicUrl }, again.slice(-1)), 1);
    const last = sink.to(people.practitioner.email).at(-1);
    assert.ok(last && readableForms(last.raw).includes('Networkshire'));
  });
});
