/**
 * Immediate e-mail when someone is mentioned (`*.mentioned`), for people whose preference says so.
 * The same label rules as digests (digestEmail.ts); the item must be readable by the person now.
 * Each notification is claimed (MailClaim `mention:<id>`) before sending, so it is e-mailed at most
 * once even if several runs see it; the digest lists it too, so a failed send loses nothing.
 */
import type { Mailer } from '../../auth/mailer.js';
import type { Logger } from '../../logger.js';
import { claimAll } from '../../models/MailClaim.js';
import type { NotificationDoc } from '../../models/Notification.js';
import { NotificationPreferenceModel } from '../../models/NotificationPreference.js';
import { PersonModel } from '../../models/Person.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { personActor } from '../../policy/personActor.js';
import { languageOf, mailLine, renderEmail, stringsFor } from './digestEmail.js';
import { resolveNotifications } from './resolveNotifications.js';
import { hears, levelIn } from './spaceLevels.js';

/** Sends the mention e-mails among `docs`; returns how many were sent. */
export async function sendMentionEmails(
  deps: { mailer: Mailer; publicUrl: string; logger?: Logger },
  docs: NotificationDoc[],
): Promise<number> {
  const mentions = docs.filter((d) => d.kind.endsWith('.mentioned'));
  let sent = 0;
  for (const doc of mentions) {
    const [pref, person] = await Promise.all([
      NotificationPreferenceModel.findById(doc.recipientId, { mentions: 1, spaces: 1 }).lean(),
      PersonModel.findById(doc.recipientId).lean(),
    ]);
    if (!pref?.mentions || !person || person.status !== 'active') continue;
    if (!hears(doc.kind, levelIn(pref, doc.spaceId))) continue;
    const language = languageOf(person.languages);
    const strings = stringsFor(language);
    const [resolved] = await resolveNotifications(await loadSharingContext(personActor(person)), [doc]);
    const line = resolved ? mailLine(resolved, strings, deps.publicUrl) : null;
    if (!line) continue;
    if (!(await claimAll([`mention:${String(doc._id)}`]))) continue;
    const url = `${deps.publicUrl}/settings/notifications`;
    const email = renderEmail({
      language,
      subject: `Concordia: ${line.text}`,
      intro: null,
      lines: [line],
      more: false,
      footer: strings.footerMention.replace('{url}', url),
    });
    try {
      await deps.mailer.send({
        to: person.email,
        link: url,
        messageId: `<mention-${String(doc._id)}@${new URL(deps.publicUrl).hostname}>`,
        ...email,
      });
      sent += 1;
    } catch (error) {
      deps.logger?.warn({ err: error, notificationId: String(doc._id) }, 'mention e-mail not sent');
    }
  }
  return sent;
}
