/**
 * A new document from a multipart upload whose file was received (receiveFile.ts): the fields are
 * decided by the kernel, the bytes checked, and then the document is stored with its first version; a
 * refused file (type, disguise, label, place) leaves nothing stored, and an infected one is held for
 * the moderators (holdFile.ts) and answered as a refusal.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { removeFile } from '../../files/fileStore.js';
import { checkFile } from './checkFile.js';
import { prepareDocument, storeDocument, type DocumentFields } from './createDocument.js';
import { throwIfInfected, throwIfRefused } from './fileRefusal.js';
import { holdFile } from './holdFile.js';
import { indexDocumentText } from './indexDocumentText.js';
import { presentDocument } from './presentDocument.js';
import type { ReceivedFile } from './receiveFile.js';

/** Stores the received file as a new document in the space, or refuses it (see the file comment). */
export async function uploadDocument(
  actor: Actor,
  spaceSlug: string,
  fields: DocumentFields,
  file: ReceivedFile,
) {
  let kept = false;
  try {
    const prepared = await prepareDocument(actor, spaceSlug, fields);
    const outcome = await checkFile(file, file.scan);
    throwIfRefused(outcome);
    const { document, version } = await storeDocument(prepared, {
      fileKey: file.key,
      fileName: file.fileName,
      size: file.size,
      sha256: file.sha256,
      status: outcome.status,
      outcome,
    });
    kept = true;
    await holdFile(document, version, outcome);
    if (outcome.status === 'clean') await indexDocumentText(document._id);
    throwIfInfected(outcome, String(document._id));
    return await presentDocument(prepared.ctx, document);
  } finally {
    if (!kept) await removeFile('uploads', file.key).catch(() => undefined);
  }
}
