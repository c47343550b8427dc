/**
 * Documents as one content type of the kernel (services/content/): no parent and no dependents; the
 * search index holds the title, the description, the tags and the words of the file
 * (indexDocumentText.ts); changes go to the `document` event on
 * the domain bus. The file bytes are not the kernel's: a tombstone leaves the versions' files to
 * documents/removeDocumentFiles.ts.
 */
import { DocumentModel } from '../../models/Document.js';
import { emitDocumentEvent } from '../../events/contentEvents.js';
import type { ContentKind } from '../content/contentKind.js';

/** The kernel's declaration of documents. */
export const DOCUMENT_KIND: ContentKind<'Document'> = {
  type: 'Document',
  noun: 'document',
  model: DocumentModel as never,
  searchTexts: (item) => [
    item.title ?? '',
    item.body,
    ...((item as { tags?: string[] }).tags ?? []),
    (item as { fileText?: string }).fileText ?? '',
  ],
  publish: (type, before, after) => emitDocumentEvent({ type, before, after }),
  followParent: (_actor, item) => Promise.resolve(item),
  hideDependents: () => Promise.resolve(0),
  touchParent: () => Promise.resolve(),
  notices: {
    quarantined: 'document.quarantined',
    restored: 'document.restored',
    deleted: 'document.deleted',
  },
  erased: { title: '(deleted)', body: '', tags: [], tokens: [], fileText: '' },
  flagged: true,
  retentionSetting: 'DOCUMENTS',
  // A moderator's hold keeps a document from every retention deletion (holdDocument.ts).
  retentionFilter: { 'retention.held': null },
};
