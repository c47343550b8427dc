/**
 * A moderator's hold on a document (`POST` and `DELETE /api/v1/documents/{id}/hold`): it keeps the
 * document whatever the retention period of its label says. Both throw an ApiError when refused.
 */
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';

const enc = encodeURIComponent;

/** Places a hold on document `id`, with the moderator's `reason`. */
export const holdDocument = (id: string, reason: string) =>
  postWithCsrf<{ done: true }>(`/documents/${enc(id)}/hold`, { reason });

/** Lifts the hold on document `id`. */
export const liftDocumentHold = (id: string) =>
  sendWithCsrf<{ done: true }>('DELETE', `/documents/${enc(id)}/hold`);
