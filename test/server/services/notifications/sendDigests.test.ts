import assert from 'node:assert/strict';
import type { Express } from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { createMailer, type Mailer } from '../../../../server/auth/mailer.js';
import { createLogger } from '../../../../server/logger.js';
import { claimAll } from '../../../../server/models/MailClaim.js';
import { NotificationPreferenceModel } from '../../../../server/models/NotificationPreference.js';
import { PersonModel } from '../../../../server/models/Person.js';
import { SpaceModel } from '../../../../server/models/Space.js';
import { notify, notifyMentions } from '../../../../server/services/notifications/notify.js';
import { startNotificationMail } from '../../../../server/services/notifications/notificationMail.js';
import { sendDigests } from '../../../../server/services/notifications/sendDigests.js';
import { testApp, testConfig } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { seedSharing, space, type SharingPeople } from '../../../support/sharingFixtures.js';
import { readableForms, startSmtpSink, type SmtpSink } from '../../../support/smtpSink.js';

const HOUR = 60 * 60 * 1000;

describe('sendDigests: e-mail digests through a real SMTP server', function () {
  this.timeout(60_000);
  let sink: SmtpSink;
  let mailer: Mailer;
  let app: Express;
  let people: SharingPeople;
  let publicUrl: string;

  before(async () => {
    await resetDatabase();
    ({ people } = await seedSharing());
    await space('chr-forum', 'hub', 'GREEN', 'GREEN', { hub: 'europe', chathamHouse: true });
    sink = await startSmtpSink();
    const config = testConfig({ SMTP_URL: sink.url, PUBLIC_URL: 'https://concordia.test.example' });
    publicUrl = config.publicUrl;
    mailer = createMailer(config, createLogger('silent'));
    app = testApp();
  });
  after(() => sink.close());

  async function post(who: keyof SharingPeople, slug: string, title: string, body: string, label?: string) {
    const res = await request(app)
      .post(`/api/v1/spaces/${slug}/posts`)
      .set(people[who].auth)
      .send({ title, body, ...(label ? { label } : {}) })
      .expect(201);
    return String(res.body.id);
  }

  async function setPreferences(who: keyof SharingPeople, digest: string, mentions = true) {
    await request(app)
      .put('/api/v1/me/notification-preferences')
      .set(people[who].auth)
      .send({ digest, mentions })
      .expect(200);
  }

  /** Lets time pass for the digest schedule: every person's next digest comes `hours` sooner. */
  async function elapse(hours: number) {
    for (const pref of await NotificationPreferenceModel.find({}, { nextDigestAt: 1 }).lean())
      await NotificationPreferenceModel.updateOne(
        { _id: pref._id },
        { $set: { nextDigestAt: new Date(pref.nextDigestAt.getTime() - hours * HOUR) } },
      );
  }

  // settleMs < 0: notifications stored in this very second count (tests do not wait a minute).
  const run = (extra: Partial<Parameters<typeof sendDigests>[0]> = {}) =>
    sendDigests({ mailer, publicUrl, settleMs: -2000, ...extra });

  it('sends one digest per person even when two runs race, with bodies only where the label allows', async () => {
    await setPreferences('partner', 'off');
    await setPreferences('otherCity', 'weekly');
    await PersonModel.updateOne({ _id: people.otherCity.id }, { $set: { languages: ['ar', 'en'] } });

    const green = await post('focal', 'europe-forum', 'Greenwood title', 'Greenwood body for everyone');
    await post('focal', 'lyon-partners', 'Ambergris title', 'Ambergris body', 'AMBER');
    await post('focal', 'lyon-internal', 'Strictland title', 'Strictland body', 'AMBER+STRICT');
    const red = await post('focal', 'workshop', 'Redwood title', 'Redwood body', 'RED');
    await post('focal', 'chr-forum', 'Chatham title', 'Chatham body, said in confidence');
    const quarantined = await post('focal', 'europe-forum', 'Quarantined title', 'Quarantined body');
    await request(app)
      .post(`/api/v1/posts/${quarantined}/quarantine`)
      .set(people.moderator.auth)
      .send({ reason: 'personal data' })
      .expect(200);
    // A notification about an item Pierre may not read (another city's internal space).
    const ammanPost = await post('isc', 'amman-internal', 'Ammanite title', 'Ammanite body', 'AMBER');
    await notify(
      [people.practitioner.id],
      { _id: ammanPost, spaceId: await spaceId('amman-internal') },
      'post.created',
    );

    // Not due yet: the first digest goes out a day after the first notification.
    assert.deepEqual(await run(), { sent: 0, empty: 0, skipped: 0, failed: 0 });

    await elapse(25);
    const now = new Date();
    const [a, b] = await Promise.all([run({ now }), run({ now })]);
    assert.equal(a.failed + b.failed, 0);
    const counts = new Map<string, number>();
    for (const m of sink.messages) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    assert.ok(counts.size > 1, 'several people got a digest');
    for (const [to, n] of counts) assert.equal(n, 1, `one digest for ${to}`);
    assert.equal(a.sent + b.sent, sink.messages.length);
    assert.equal(sink.to(people.partner.email).length, 0, 'digest off: nothing');
    assert.equal(sink.to(people.otherCity.email).length, 0, 'weekly: not after a day');

    const [mail] = sink.to(people.practitioner.email);
    assert.ok(mail);
    const all = readableForms(mail.raw);
    // GREEN: title and body, author named (not a Chatham House space).
    assert.match(all, /Greenwood title/);
    assert.match(all, /Greenwood body for everyone/);
    assert.match(all, /Fatou Focal/);
    assert.ok(all.includes(`${publicUrl}/posts/${green}`));
    // AMBER and above: "new material in <space>" and a link, never the title or the body.
    for (const slug of ['lyon-partners', 'lyon-internal', 'workshop'])
      assert.match(all, new RegExp(`New material in ${slug}`));
    assert.ok(all.includes(`${publicUrl}/posts/${red}`));
    for (const secret of ['Ambergris', 'Strictland', 'Redwood'])
      assert.ok(!all.includes(secret), `${secret} leaked`);
    // Chatham House: the body may leave, but no name and no city.
    const chrStart = all.indexOf('* New material in chr-forum');
    assert.ok(chrStart >= 0, 'the Chatham House item is listed in the text part');
    const chr = all.slice(chrStart, all.indexOf('Open:', chrStart));
    assert.match(chr, /Chatham title/);
    assert.ok(!/Fatou|Focal|Lyon|lyon|by /.test(chr), `no name or city under CHR: ${chr}`);
    assert.ok(!/Fatou Focal<\/em><\/p><p[^>]*>Chatham body/.test(all), 'nor in the HTML part');
    // Quarantined and unreadable items are left out, and so is the quarantine notice's reason.
    for (const gone of ['Quarantined title', 'Quarantined body', 'personal data', 'Ammanite'])
      assert.ok(!all.includes(gone), `${gone} leaked`);
    // The subject names no content either.
    const subject = /^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? '';
    assert.match(subject, /^Concordia: your notification digest \(\d+\)/);

    // The marker moved: the same notifications are not sent again.
    const before = sink.messages.length;
    assert.equal((await run()).sent, 0);
    await elapse(5);
    assert.equal((await run()).sent, 0);
    assert.equal(sink.messages.length, before);
  });

  it('sends the weekly digest after a week, in the person\'s language, RED as "new material" only', async () => {
    await elapse(24 * 7);
    const result = await run();
    assert.ok(result.sent >= 1);
    const [mail] = sink.to(people.otherCity.email);
    assert.ok(mail, 'weekly digest sent');
    const all = readableForms(mail.raw);
    assert.match(all, /dir="rtl"/);
    assert.match(all, /محتوى جديد في workshop/);
    assert.ok(!all.includes('Redwood'));
    assert.equal(sink.to(people.partner.email).length, 0, 'digest off: still nothing');
  });

  it('sends again, with the same Message-ID, when a run fails after the mail left (at least once)', async () => {
    await post('focal', 'europe-forum', 'Retry title', 'Retry body');
    const sentBefore = sink.to(people.practitioner.email).length;
    const crashing: Mailer = {
      async send(message) {
        await mailer.send(message);
        throw new Error('process died before recording the digest');
      },
    };
    await elapse(24 * 2);
    const failed = await run({ mailer: crashing });
    assert.ok(failed.failed >= 1, JSON.stringify(failed));
    assert.equal((await run()).sent, 0, 'claimed: not again within the lease');
    const retried = await run({ now: new Date(Date.now() + 21 * 60_000) });
    assert.ok(retried.sent >= 1, JSON.stringify(retried));
    const mails = sink.to(people.practitioner.email).slice(sentBefore);
    assert.equal(mails.length, 2);
    const ids = mails.map((m) => /^Message-ID:\s+(\S+)/im.exec(m.raw.replace(/\r?\n[ \t]+/g, ' '))?.[1]);
    assert.match(ids[0] ?? '', /^<digest-[0-9a-f]{32}@concordia\.test\.example>$/);
    assert.equal(ids[0], ids[1]);
    assert.match(readableForms(mails[1]?.raw ?? ''), /Retry body/);
    await elapse(1);
    assert.equal(
      (await run({ now: new Date(Date.now() + 42 * 60_000) })).sent,
      0,
      'recorded: not a third time',
    );
  });

  it('keeps a frequency changed while a digest is being sent, with the next time it set', async () => {
    await setPreferences('practitioner', 'daily');
    await post('focal', 'europe-forum', 'Midway title', 'Midway body');
    await elapse(24 * 2);
    let changedAt = 0;
    const changingMidway: Mailer = {
      async send(message) {
        if (message.to === people.practitioner.email) {
          changedAt = Date.now();
          await setPreferences('practitioner', 'weekly');
        }
        await mailer.send(message);
      },
    };
    await run({ mailer: changingMidway });
    assert.equal(countTo(people.practitioner.email, 'Midway body'), 1);
    const pref = await NotificationPreferenceModel.findById(people.practitioner.id).lean();
    assert.equal(pref?.digest, 'weekly');
    const untilNext = (pref?.nextDigestAt.getTime() ?? 0) - changedAt;
    assert.ok(untilNext > 6 * 24 * HOUR, `the weekly time stays (${untilNext / HOUR} h ahead)`);
    assert.equal((await run()).sent, 0, 'and the marker moved: nothing is sent twice');
    await setPreferences('practitioner', 'daily');
  });

  it('leaves a digest claimed by another run alone until its lease has passed', async () => {
    await post('focal', 'europe-forum', 'Claimed title', 'Claimed body');
    await elapse(24 * 2);
    const pref = await NotificationPreferenceModel.findById(people.practitioner.id).lean();
    const leaseMs = 10 * 60_000;
    const now = Date.now();
    const bucket = Math.floor(now / leaseMs);
    await claimAll([
      `digest:${people.practitioner.id}:${String(pref?.digestAfter)}:${pref?.nextDigestAt.getTime()}:${bucket}`,
    ]);
    await run({ now: new Date(now), leaseMs });
    assert.equal(countTo(people.practitioner.email, 'Claimed body'), 0);
    await run({ now: new Date(now + 2 * leaseMs), leaseMs });
    assert.equal(countTo(people.practitioner.email, 'Claimed body'), 1);
  });

  it('e-mails a mention at once to those who want it, with the body only where the label allows', async () => {
    await setPreferences('expert', 'daily', false);
    const runner = startNotificationMail({
      config: testConfig({ SMTP_URL: sink.url, PUBLIC_URL: publicUrl }),
      logger: createLogger('silent'),
      mailer,
    });
    try {
      const greenId = await post('focal', 'network', 'Mentioned title', 'Mentioned body');
      const strictId = await post('focal', 'lyon-internal', 'Hushed title', 'Hushed body', 'AMBER+STRICT');
      const network = await spaceId('network');
      const lyon = await spaceId('lyon-internal');
      const before = sink.messages.length;
      await notifyMentions({ _id: greenId, spaceId: network, authorId: people.focal.id }, 'Post', [
        people.practitioner.id,
        people.expert.id,
      ]);
      await notifyMentions({ _id: strictId, spaceId: lyon, authorId: people.focal.id }, 'Post', [
        people.practitioner.id,
      ]);
      const deadline = Date.now() + 5000;
      while (sink.messages.length < before + 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      const mails = sink.messages.slice(before);
      assert.equal(mails.length, 2, 'two mentions of Pierre; the expert turned mention e-mail off');
      assert.ok(mails.every((m) => m.to.includes(people.practitioner.email)));
      const texts = mails.map((m) => readableForms(m.raw));
      const green = texts.find((t) => t.includes('You were mentioned in network'));
      assert.ok(green);
      assert.match(green, /Mentioned body/);
      const strict = texts.find((t) => t.includes('New material in lyon-internal'));
      assert.ok(strict);
      assert.ok(!/Hushed|mentioned in lyon/.test(strict));
    } finally {
      await runner.stop();
    }
  });

  it('does nothing without SMTP and says so once in the log', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const runner = startNotificationMail({ config: testConfig(), logger, mailer });
    await notify(
      [people.practitioner.id],
      { _id: await spaceId('network'), spaceId: await spaceId('network') },
      'post.mentioned',
    );
    await runner.stop();
    assert.equal(lines.filter((l) => l.includes('SMTP_URL is not set')).length, 1);
  });

  function countTo(address: string, text: string): number {
    return sink.to(address).filter((m) => readableForms(m.raw).includes(text)).length;
  }
});

async function spaceId(slug: string): Promise<string> {
  const s = await SpaceModel.findOne({ slug }, { _id: 1 }).lean();
  return String(s?._id);
}
