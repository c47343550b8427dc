/** The API of "My data": notification preferences (per space too), the export, the access log, erasure. */
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';

/** How often the e-mail digest goes out. */
export type DigestFrequency = 'off' | 'daily' | 'weekly';

/** My e-mail preferences. */
export interface EmailPreferences {
  digest: DigestFrequency;
  mentions: boolean;
}

/** What I hear from one space. */
export type SpaceLevel = 'all' | 'mentions' | 'none';

/** One space I take part in, with my level there. */
export interface SpaceSetting {
  space: string;
  name: string;
  kind: string;
  level: SpaceLevel;
}

/** One access to one of my sensitive items. */
export interface AccessLogEntry {
  seq: number;
  at: string;
  action: 'viewed' | 'downloaded' | 'delivered';
  channel: string | null;
  item: { type: 'Post' | 'Message'; id: string; label: string; room: string | null };
  people: { id: string; name: string | null }[];
}

/** A page of the access log. */
export interface AccessLogPage {
  items: AccessLogEntry[];
  nextCursor: string | null;
}

/** What erasing my account asks for. */
export interface ErasureRequirements {
  email: string;
  secondFactor: boolean;
  /** My only second factor is a security key and my sign-in is over 15 minutes old: sign in again first. */
  signInAgain: boolean;
}

/** What the erasure did. */
export interface ErasureReport {
  erased: true;
  pseudonymised: number;
  deleted: number;
  auditEntriesPseudonymised: number;
  auditEntriesUnsealed: number;
  sessionsEnded: number;
}

/** Reads my e-mail preferences. */
export const readEmailPreferences = (signal?: AbortSignal) =>
  apiGet<EmailPreferences>('/me/notification-preferences', signal);

/** Replaces my e-mail preferences. */
export const saveEmailPreferences = (preferences: EmailPreferences) =>
  sendWithCsrf<EmailPreferences>('PUT', '/me/notification-preferences', preferences);

/** Reads the spaces I take part in with my level in each. */
export const readSpaceSettings = (signal?: AbortSignal) =>
  apiGet<{ items: SpaceSetting[] }>('/me/notification-preferences/spaces', signal);

/** Sets my level in one space. */
export const saveSpaceLevel = (space: string, level: SpaceLevel) =>
  sendWithCsrf<SpaceSetting>('PUT', `/me/notification-preferences/spaces/${encodeURIComponent(space)}`, {
    level,
  });

/** Reads one page of my access log. */
export const readAccessLog = (cursor: string | null, signal?: AbortSignal) =>
  apiGet<AccessLogPage>(`/me/access-log${queryString({ cursor, limit: 25 })}`, signal);

/** Reads what erasing my account asks for. */
export const readErasureRequirements = (signal?: AbortSignal) =>
  apiGet<ErasureRequirements>('/me/erasure', signal);

/** Erases my account. */
export const eraseMyAccount = (confirmEmail: string, code: string | undefined) =>
  postWithCsrf<ErasureReport>('/me/erasure', code ? { confirmEmail, code } : { confirmEmail });
