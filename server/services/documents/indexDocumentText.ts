/**
 * Keeps a document's search tokens in step with its readable file: the words of its newest clean
 * version (files/extractText.ts) are stored with the document, for the index only, and the tokens are
 * made again from the title, description, tags and those words. Called wherever the readable version
 * changes: a new clean document or version, a settled resumable upload, a moderator's release, a
 * version found infected on a rescan. A file whose words cannot be read indexes without them. The
 * same moment queues the drawing of a readable PDF's first pages (makePreviews.ts) in the background.
 */
import { contentLanguageOf } from '../../../shared/languages.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { extractText } from '../../files/extractText.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { loadContent } from '../../policy/contentAccess.js';
import type { DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { afterWrite } from '../../events/afterWrite.js';
import { DOCUMENT_KIND } from './documentKind.js';
import { cleanVersionOf } from './cleanVersion.js';
import { makePreviews, needsPreviews } from './makePreviews.js';

/** The words of a clean version's file, or ''. */
async function readableText(version: DocumentVersionDoc | null): Promise<string> {
  if (!version?.kind || version.bucket !== 'uploads') return '';
  return extractText('uploads', version.fileKey, version.size, version.kind).catch(() => '');
}

/** Indexes the words of document `id`'s readable file (see the file comment). */
export async function indexDocumentText(id: unknown): Promise<void> {
  const document = (await loadContent(String(id), 'Document')) as DocumentDoc | null;
  if (!document || document.state === 'deleted') return;
  const version = await cleanVersionOf(document);
  const fileText = await readableText(version);
  const { tokens } = indexTokens(
    DOCUMENT_KIND.searchTexts({ ...document, fileText } as never),
    contentLanguageOf(document.language),
  );
  await DocumentModel.updateOne(
    { _id: document._id, state: { $ne: 'deleted' } },
    { $set: { fileText, tokens } },
  );
  if (version && needsPreviews(version)) afterWrite('document previews', () => makePreviews(document._id));
}
