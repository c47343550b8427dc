/**
 * Library records as one content type of the kernel (services/content/): no parent, no dependents; the
 * search index holds the title, the summary and every section; changes go to the `library` event.
 */
import { LibraryRecordModel } from '../../models/LibraryRecord.js';
import { emitLibraryEvent } from '../../events/contentEvents.js';
import type { ContentKind } from '../content/contentKind.js';
import { LIBRARY_SECTIONS } from '../../../shared/schemas/library.js';

/** The kernel's declaration of library records. */
export const LIBRARY_KIND: ContentKind<'LibraryRecord'> = {
  type: 'LibraryRecord',
  noun: 'library record',
  model: LibraryRecordModel as never,
  searchTexts: (item) => [
    item.title ?? '',
    item.body,
    ...LIBRARY_SECTIONS.map((s) => String((item as Record<string, unknown>)[s] ?? '')),
  ],
  publish: (type, before, after) => emitLibraryEvent({ type, before, after }),
  followParent: (_actor, item) => Promise.resolve(item),
  hideDependents: () => Promise.resolve(0),
  touchParent: () => Promise.resolve(),
  notices: { quarantined: 'library.quarantined', restored: 'library.restored', deleted: 'library.deleted' },
  erased: {
    title: '(deleted)',
    body: '',
    summary: '',
    problem: '',
    approach: '',
    actors: '',
    resources: '',
    results: '',
    transferability: '',
    translations: [],
    tokens: [],
  },
  flagged: true,
  retentionSetting: 'LIBRARY',
};
