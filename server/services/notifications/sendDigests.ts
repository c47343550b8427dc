/**
 * The e-mail digest: one e-mail per person who is due, listing their notifications since the last
 * digest that they may still read, with bodies only where the label allows (see digestEmail.ts).
 *
 * Safe on several nodes and across crashes, without transactions:
 * - a run claims a person's digest by inserting claim keys (MailClaim) for the person's current marker
 *   and for the current and next lease period: a unique `_id` insert is atomic on FerretDB and
 *   MongoDB alike (conditional updates are not, on FerretDB 1.24), so two runs never both win, and a
 *   new claim for the same marker can only be won a full lease after the last one;
 * - the marker (`digestAfter`, the last notification considered) moves, with `nextDigestAt`, only
 *   after the SMTP server accepted the e-mail. A run that dies in between leaves the marker, so the
 *   digest goes out again after the lease (at least once, never skipped; it then also holds anything
 *   new). Its Message-ID is derived from the notifications it covers, so an identical repeat carries
 *   the same Message-ID and mail systems can recognise it. We prefer a rare duplicate to a lost digest;
 * - only notifications older than `settleMs` are taken (ObjectIds start with the second they were
 *   made), so one stored on another node a moment earlier cannot slip below the marker unseen.
 */
import { createHash } from 'node:crypto';
import type { Mailer } from '../../auth/mailer.js';
import type { Logger } from '../../logger.js';
import { MailClaimModel, claimAll } from '../../models/MailClaim.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import {
  NotificationPreferenceModel,
  type DigestFrequency,
  type NotificationPreferenceDoc,
} from '../../models/NotificationPreference.js';
import { PersonModel } from '../../models/Person.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { personActor } from '../../policy/personActor.js';
import { languageOf, mailLine, renderEmail, stringsFor, type MailLine } from './digestEmail.js';
import { digestPeriodMs, idBefore } from './notificationPreferences.js';
import { resolveNotifications } from './resolveNotifications.js';
import { hears, levelIn } from './spaceLevels.js';

/** What a digest run needs. */
export interface DigestDependencies {
  mailer: Mailer;
  /** The public address of the client, for links. */
  publicUrl: string;
  logger?: Logger;
  /** The time of the run (tests move it). */
  now?: Date;
  /** People handled per run. */
  batchSize?: number;
  /** How long a claim holds at least before another run may take the person over. */
  leaseMs?: number;
  /** Notifications younger than this wait for the next digest. */
  settleMs?: number;
}

/** What a run did. */
export interface DigestRunResult {
  /** E-mails sent. */
  sent: number;
  /** People due with nothing they may read: marker moved, nothing sent. */
  empty: number;
  /** People another run had claimed (or is working on). */
  skipped: number;
  /** Sends that failed (the marker stays; a run after the lease tries again). */
  failed: number;
}

/** The most notifications one digest considers; the rest wait for the next run. */
const NOTIFICATIONS_PER_DIGEST = 200;
/** The most lines one digest e-mail shows. */
const LINES_PER_DIGEST = 50;

/** Sends the digests that are due. */
export async function sendDigests(deps: DigestDependencies): Promise<DigestRunResult> {
  const now = deps.now ?? new Date();
  const result: DigestRunResult = { sent: 0, empty: 0, skipped: 0, failed: 0 };
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  // Claims older than any lease are of no use: sweep them.
  await MailClaimModel.deleteMany({ createdAt: { $lt: new Date(now.getTime() - 2 * 24 * 60 * 60_000) } });
  const due = (await NotificationPreferenceModel.find({
    digest: { $in: ['daily', 'weekly'] },
    nextDigestAt: { $lte: now },
  })
    .sort({ nextDigestAt: 1 })
    .limit(deps.batchSize ?? 100)
    .lean()) as NotificationPreferenceDoc[];
  for (const pref of due) {
    const bucket = Math.floor(now.getTime() / leaseMs);
    // One digest is the person's state (marker, due time); each finished run changes one of them.
    const key = `digest:${String(pref._id)}:${String(pref.digestAfter)}:${pref.nextDigestAt.getTime()}`;
    if (!(await claimAll([`${key}:${bucket}`, `${key}:${bucket + 1}`], now))) {
      result.skipped += 1;
      continue;
    }
    try {
      result[await digestOne(deps, now, pref)] += 1;
    } catch (error) {
      result.failed += 1;
      deps.logger?.warn({ err: error, personId: String(pref._id) }, 'digest not sent; will retry');
    }
  }
  return result;
}

async function digestOne(
  deps: DigestDependencies,
  now: Date,
  pref: NotificationPreferenceDoc,
): Promise<'sent' | 'empty'> {
  const frequency = pref.digest as DigestFrequency;
  const bound = idBefore(new Date(now.getTime() - (deps.settleMs ?? 60_000)));
  const docs = (await NotificationModel.find({
    recipientId: pref._id,
    _id: { $gt: pref.digestAfter, $lte: bound },
  })
    .sort({ _id: 1 })
    .limit(NOTIFICATIONS_PER_DIGEST + 1)
    .lean()) as NotificationDoc[];
  const truncated = docs.length > NOTIFICATIONS_PER_DIGEST;
  const considered = docs.slice(0, NOTIFICATIONS_PER_DIGEST);
  // The last notification considered: any stored later below the bound is still above it.
  const upTo = considered.at(-1)?._id ?? pref.digestAfter;

  const person = await PersonModel.findById(pref._id).lean();
  let lines: MailLine[] = [];
  const language = languageOf(person?.languages);
  const strings = stringsFor(language);
  if (person && person.status === 'active' && considered.length > 0) {
    const ctx = await loadSharingContext(personActor(person));
    // A space muted since a notice was stored stays out of the e-mail too.
    const heard = considered.filter((d) => hears(d.kind, levelIn(pref, d.spaceId)));
    lines = (await resolveNotifications(ctx, heard))
      .map((r) => mailLine(r, strings, deps.publicUrl))
      .filter((l): l is MailLine => l !== null);
  }
  let messageId: string | null = null;
  if (person && lines.length > 0) {
    const digestKey = createHash('sha256')
      .update(`${String(pref._id)}:${String(pref.digestAfter)}:${String(upTo)}`)
      .digest('hex')
      .slice(0, 32);
    messageId = `<digest-${digestKey}@${new URL(deps.publicUrl).hostname}>`;
    const subject = strings.digestSubject.replace('{n}', String(lines.length));
    const url = `${deps.publicUrl}/settings/notifications`;
    const email = renderEmail({
      language,
      subject,
      intro: strings.intro,
      lines: lines.slice(0, LINES_PER_DIGEST),
      more: truncated || lines.length > LINES_PER_DIGEST,
      footer: (frequency === 'weekly' ? strings.footerWeekly : strings.footerDaily).replace('{url}', url),
    });
    await deps.mailer.send({ to: person.email, link: url, messageId, ...email });
  }
  const progress = {
    digestAfter: upTo,
    ...(messageId ? { lastDigest: { sentAt: now, count: lines.length, messageId } } : {}),
  };
  // The next due time follows this run's frequency only if the person has not changed it meanwhile;
  // a change made during the run already set its own next time, which this run must not overwrite.
  const unchanged = await NotificationPreferenceModel.updateOne(
    { _id: pref._id, digest: frequency, nextDigestAt: pref.nextDigestAt },
    {
      $set: {
        ...progress,
        // A truncated digest stays due, so the rest follows on the next run.
        ...(truncated ? {} : { nextDigestAt: new Date(now.getTime() + digestPeriodMs(frequency)) }),
      },
    },
  );
  if (unchanged.matchedCount === 0)
    await NotificationPreferenceModel.updateOne({ _id: pref._id }, { $set: progress });
  return messageId ? 'sent' : 'empty';
}
