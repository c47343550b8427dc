/**
 * The notification mail runner, started by server/main.ts: the digest job every few minutes (no two
 * runs overlap in one process; nodes coordinate through the claims in sendDigests.ts) and immediate
 * mention e-mail (a background processor of `notifications.stored`). Without SMTP_URL it does nothing and says so once in the log.
 */
import type { Mailer } from '../../auth/mailer.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { subscribe } from '../../events/domainEvents.js';
import { sendDigests } from './sendDigests.js';
import { sendMentionEmails } from './sendMentionEmails.js';

/** A running notification mail runner. */
export interface NotificationMail {
  /** Stops the timer and the subscription; resolves when the run in progress (if any) is over. */
  stop(): Promise<void>;
}

/** Starts the runner. */
export function startNotificationMail(deps: {
  config: Config;
  logger: Logger;
  mailer: Mailer;
}): NotificationMail {
  const { config, logger, mailer } = deps;
  if (!config.mail.smtpUrl) {
    logger.info('SMTP_URL is not set: notification e-mail (digests, mentions) is off');
    return { stop: async () => undefined };
  }
  const publicUrl = config.publicUrl;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sendDigests({ mailer, publicUrl, logger })
      .then((r) => {
        if (r.sent + r.failed > 0) logger.info(r, 'digest run');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'digest run failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, config.notifications.digestCheckMinutes * 60_000);
  timer.unref();
  // Mention e-mail in the background (bounded, retried and logged by the bus).
  const unsubscribe = subscribe(
    'notifications.stored',
    'mention e-mail',
    (docs) => sendMentionEmails({ mailer, publicUrl, logger }, docs),
    { mode: 'background' },
  );
  return {
    async stop() {
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
