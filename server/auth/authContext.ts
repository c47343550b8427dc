/** What the identity services need from the running app: settings, the mailer, the login throttle. */
import type { Config } from '../config.js';
import type { IpThrottle } from './local/loginThrottle.js';
import type { Mailer } from './mailer.js';

/** The identity context of one app (kept in app.locals.auth). */
export interface AuthContext {
  config: Config;
  mailer: Mailer;
  ipThrottle: IpThrottle;
}
