/** Removes a received file that no document took (a multipart request that failed after the file). */
import { removeFile } from '../../files/fileStore.js';
import type { ReceivedFile } from './receiveFile.js';

/** Removes the received file's bytes. */
export async function removeStoredUpload(file: Pick<ReceivedFile, 'key'>): Promise<void> {
  await removeFile('uploads', file.key);
}
