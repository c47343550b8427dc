/**
 * Light previews (SHARING.md, "Files"; issue #13: the first pages as images, so people on slow links
 * need not fetch the whole file): the first {@link PREVIEW_PAGES} pages of a document's readable PDF
 * version are drawn once as small PNG images (files/pdfTools.ts) and stored beside it in the file
 * store; they are served through the same policy as the file (previewDocument.ts) and removed with the
 * document's files. Run in the background after the readable version changes.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openWriter, removeFile } from '../../files/fileStore.js';
import { pdfPreviewPages } from '../../files/pdfTools.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { cleanVersionOf } from './cleanVersion.js';
import { loadContent } from '../../policy/contentAccess.js';

/** How many pages are drawn. */
export const PREVIEW_PAGES = 3;

async function store(image: Buffer): Promise<string> {
  const writer = openWriter('uploads');
  await pipeline(Readable.from([image]), writer);
  return writer.key;
}

/** Whether a clean version is a stored PDF whose pages are not drawn yet. */
export function needsPreviews(version: DocumentVersionDoc): boolean {
  return version.kind === 'pdf' && version.bucket === 'uploads' && version.previewKeys.length === 0;
}

/** Draws the previews of document `id`'s readable version when it is a PDF without them; returns how many. */
export async function makePreviews(id: unknown): Promise<number> {
  const document = (await loadContent(String(id), 'Document')) as DocumentDoc | null;
  if (!document || document.state === 'deleted') return 0;
  const version = await cleanVersionOf(document);
  if (!version || !needsPreviews(version)) return 0;
  const images = await pdfPreviewPages('uploads', version.fileKey, PREVIEW_PAGES);
  const keys: string[] = [];
  for (const image of images) keys.push(await store(image));
  if (keys.length === 0) return 0;
  const saved = await DocumentVersionModel.updateOne(
    { _id: version._id, status: 'clean', previewKeys: { $size: 0 } },
    { $set: { previewKeys: keys } },
  );
  if (saved.modifiedCount === 0) {
    for (const key of keys) await removeFile('uploads', key);
    return 0;
  }
  return keys.length;
}
