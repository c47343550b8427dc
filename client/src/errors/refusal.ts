/**
 * One road from a refusal to words in the reader's language. A refusal arrives as an RFC 9457 problem
 * document (REST), an `ApiError` around one, or a socket ack's `{ code, message }`; each becomes a
 * {@link RefusalSource} and {@link translateRefusal} turns it into a translated sentence: the specific
 * reason (`label_above_ceiling` with its params) when the client knows it, else the general kind
 * (`forbidden`), else the server's own (English) `detail`.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../api.js';

/** What a refusal says about itself: its stable code and params, and the server's English words. */
export interface RefusalSource {
  /** A specific reason (`topic_locked`) or the general kind (`forbidden`); absent from old answers. */
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
  /** HTTP status, when it came over HTTP (0: the server could not be reached). */
  status?: number | undefined;
  /** The server's sentence, in English. */
  detail?: string | undefined;
  /** Field-level messages from the server, shown as they are. */
  errors?: { path: string; message: string }[] | undefined;
}

/** A refusal in words: the translated sentence, and the server's English words when they add facts. */
export interface Refusal {
  text: string;
  /** The server's own words (English), shown beside `text` only when no specific translation exists. */
  detail: string | null;
}

/** Specific reasons the client translates (`refusals.reasons.<code>`). */
const REASONS = new Set([
  // Identity providers (server/auth/saml/fetchMetadata.ts, services/identityProviders).
  'metadata_timeout',
  'metadata_too_large',
  'metadata_address_refused',
  'metadata_fetch_failed',
  'metadata_url_invalid',
  'last_certificate',
  'idp_disabled',
  'label_above_ceiling',
  'label_below_parent',
  'topic_locked',
  'state_conflict',
  'not_readable',
  // Spaces and invitations (server/services/invitations, spaces, rooms/createGroupConversation.ts).
  'invitee_not_leader',
  'invitee_cannot_take_part',
  'invitee_unknown',
  'already_member',
  'already_invited',
  'invitation_not_pending',
  'owner_role_fixed',
  'group_size',
  // Files attached to posts and messages (server/services/content/attachments.ts).
  'attachment_below_label',
  'attachment_narrower',
  'attachment_other_space',
  'attachment_not_found',
  'attachment_unusable',
]);

/** General kinds the client translates (`refusals.codes.<code>`). */
const GENERAL = new Set([
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'too_large',
  'rate_limited',
  'unavailable',
  'internal',
  'network',
  'timeout',
]);

/** General kinds whose sentence says all there is: the server's detail is not added. */
const SELF_EXPLAINED = new Set([
  'unauthenticated',
  'not_found',
  'too_large',
  'rate_limited',
  'unavailable',
  'network',
  'timeout',
]);

const BY_STATUS: Record<number, string> = {
  0: 'network',
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/** The general kind an HTTP status means, when the answer carried no code. */
function codeOfStatus(status: number | undefined): string | undefined {
  if (status === undefined) return undefined;
  return BY_STATUS[status] ?? (status >= 500 ? 'internal' : undefined);
}

/** Params as the translation sees them; a `state` is put in words too. */
function translatedParams(params: RefusalSource['params'], t: TFunction): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof out.state === 'string')
    out.state = t(`refusals.states.${out.state}`, { defaultValue: out.state });
  return out;
}

/** The server's words plus its field messages, or null when there are none. */
function serverWords(source: RefusalSource): string | null {
  const fields = (source.errors ?? []).map((e) => e.message);
  const words = [source.detail, ...fields].filter((w): w is string => !!w && w.trim() !== '');
  return words.length > 0 ? words.join(' ') : null;
}

/** Turns a refusal into a sentence in the reader's language (see the module comment for the order). */
export function translateRefusal(source: RefusalSource, t: TFunction): Refusal {
  const code = source.code ?? codeOfStatus(source.status);
  if (code && REASONS.has(code))
    return { text: t(`refusals.reasons.${code}`, translatedParams(source.params, t)), detail: null };
  // An unknown specific reason still carries its general kind in the status.
  const general = code && GENERAL.has(code) ? code : codeOfStatus(source.status);
  const words = serverWords(source);
  if (general && GENERAL.has(general)) {
    const text = t(`refusals.codes.${general}`);
    // The server's words add nothing when they are the same sentence (an English reader, say).
    return { text, detail: SELF_EXPLAINED.has(general) || words === text ? null : words };
  }
  return words ? { text: words, detail: null } : { text: t('refusals.codes.internal'), detail: null };
}

/** The refusal an error thrown by an API call stands for (anything else counts as unreachable). */
export function sourceOfError(error: unknown): RefusalSource {
  if (!(error instanceof ApiError)) return { code: 'network', status: 0 };
  const { problem, status } = error;
  return {
    code: status === 0 ? 'network' : problem.code,
    params: problem.params,
    status,
    detail: problem.detail ?? (problem.code ? undefined : problem.title),
    errors: error.fieldErrors(),
  };
}

/** A socket ack's error: `{ code, message }`, with `reason` and `params` when the server sends them. */
export interface AckErrorLike {
  code: string;
  message?: string;
  reason?: string;
  params?: Record<string, string | number>;
}

/** The refusal a socket ack's error stands for. */
export function sourceOfAck(error: AckErrorLike): RefusalSource {
  return { code: error.reason ?? error.code, params: error.params, detail: error.message };
}

/** The translated refusal of an error thrown by an API call. */
export function errorRefusal(error: unknown, t: TFunction): Refusal {
  return translateRefusal(sourceOfError(error), t);
}

/** The translated refusal of a socket ack's error. */
export function ackRefusal(error: AckErrorLike, t: TFunction): Refusal {
  return translateRefusal(sourceOfAck(error), t);
}

/** The refusal as one plain string (for attributes and simple texts): the sentence, then the server's words. */
export function refusalString(refusal: Refusal): string {
  return refusal.detail ? `${refusal.text} ${refusal.detail}` : refusal.text;
}
