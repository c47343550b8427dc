/**
 * `account invite`: sends (or, without SMTP_URL, prints) a local-account invitation link, e.g. for
 * the first admin. `account sign-out`: ends every session of a person at once.
 */
import { recordAudit } from '../../audit/recordAudit.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { createIpThrottle } from '../../auth/local/loginThrottle.js';
import { createMailer, type Mailer } from '../../auth/mailer.js';
import { loadConfig } from '../../config.js';
import { createLogger } from '../../logger.js';
import { invitePerson } from '../../services/auth/invitations.js';
import { parse, type Command } from '../commandKit.js';
import { operator } from '../operator.js';
import { personIdByEmail } from './people.js';

/** The account commands. */
export const accountCommands: Command[] = [
  {
    name: 'account invite',
    usage: 'account invite <e-mail>   (prints the link when SMTP_URL is not set)',
    async run(args, out) {
      const { positionals } = parse(args, {});
      const config = loadConfig();
      const personId = await personIdByEmail(positionals[0]);
      let printed: string | null = null;
      const mailer: Mailer = config.mail.smtpUrl
        ? createMailer(config, createLogger('silent'))
        : {
            send(message) {
              printed = message.link;
              return Promise.resolve();
            },
          };
      await invitePerson({ config, mailer, ipThrottle: createIpThrottle(config) }, operator(), personId);
      out.print({ sent: !printed, link: printed }, () =>
        printed ? `Invitation link (single use, 7 days): ${printed}` : 'Invitation sent by e-mail.',
      );
    },
  },
  {
    name: 'account sign-out',
    usage: 'account sign-out <e-mail>   (ends every session of the person)',
    async run(args, out) {
      const { positionals } = parse(args, {});
      const personId = await personIdByEmail(positionals[0]);
      const ended = await endPersonSessions(personId);
      await recordAudit(
        operator(),
        'auth.signed_out_everywhere',
        { type: 'Person', id: personId },
        { sessions: ended },
      );
      out.print({ ended }, () => `${ended} session(s) ended`);
    },
  },
];
