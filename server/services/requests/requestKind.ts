/**
 * Expert requests as one content type of the kernel (services/content/): no parent and no dependents;
 * the search index holds the title, the problem and the context; changes go to the `request` event on
 * the domain bus. A deletion erases the texts and keeps the tombstone with its moderation history.
 */
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import { emitRequestEvent } from '../../events/contentEvents.js';
import type { ContentKind } from '../content/contentKind.js';

/** The kernel's declaration of expert requests. */
export const REQUEST_KIND: ContentKind<'ExpertRequest'> = {
  type: 'ExpertRequest',
  noun: 'request',
  model: ExpertRequestModel as never,
  searchTexts: (item) => [item.title ?? '', item.body, (item as { context?: string }).context ?? ''],
  publish: (type, before, after) => emitRequestEvent({ type, before, after }),
  followParent: (_actor, item) => Promise.resolve(item),
  hideDependents: () => Promise.resolve(0),
  touchParent: () => Promise.resolve(),
  notices: {
    quarantined: 'request.quarantined',
    restored: 'request.restored',
    deleted: 'request.deleted',
  },
  erased: { title: '(deleted)', body: '', context: '', tokens: [] },
  flagged: true,
  retentionSetting: 'REQUESTS',
};
