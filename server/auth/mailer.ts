/**
 * Outgoing mail for invitations and password resets. With SMTP_URL it sends through nodemailer;
 * without it (development), the message and its link are written to the log instead.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

/** One message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The single-use link in the message, logged in development when there is no SMTP server. */
  link: string;
}

/** Sends messages. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The mailer the configuration asks for. */
export function createMailer(config: Config, logger: Logger): Mailer {
  if (config.mail.smtpUrl) {
    const transport = nodemailer.createTransport(config.mail.smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({
          from: config.mail.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      },
    };
  }
  return {
    async send(message) {
      if (config.env === 'production') {
        logger.error(
          { to: message.to, subject: message.subject },
          'SMTP_URL is not set: the message was not sent',
        );
        return;
      }
      logger.info(
        { to: message.to, subject: message.subject, link: message.link },
        'mail (not sent: no SMTP_URL)',
      );
    },
  };
}
