/**
 * Outgoing mail for invitations, password resets and notification e-mail. With SMTP_URL it sends through nodemailer;
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
  /** An HTML alternative to `text` (already escaped by the caller). */
  html?: string;
  /** A fixed Message-ID (`<id@host>`), so a message sent twice can be recognised as one. */
  messageId?: string;
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
          ...(message.html ? { html: message.html } : {}),
          ...(message.messageId ? { messageId: message.messageId } : {}),
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
