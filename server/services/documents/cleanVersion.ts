/**
 * The version of a document that readers get: its newest clean one (`cleanVersion`), or null while
 * none is. One lookup for the search words, the previews and onward sharing.
 */
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';

/** The document's newest clean version, or null. */
export async function cleanVersionOf(
  document: Pick<DocumentDoc, '_id' | 'cleanVersion'>,
): Promise<DocumentVersionDoc | null> {
  if (document.cleanVersion === null || document.cleanVersion === undefined) return null;
  return (await DocumentVersionModel.findOne({
    documentId: document._id,
    n: document.cleanVersion,
    status: 'clean',
  }).lean()) as DocumentVersionDoc | null;
}
