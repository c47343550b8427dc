/** The upload settings services take from the configuration (server/config.ts `uploads`). */
import type { Config } from '../../config.js';

/** Size limit, resumable chunk size, expiries and the scanner's address. */
export type UploadSettings = Config['uploads'];

/** What the client needs to know before uploading (`GET /uploads/settings`). */
export function publicUploadSettings(settings: UploadSettings) {
  return {
    maxBytes: settings.maxBytes,
    scanned: Boolean(settings.clamdUrl),
    chunkBytes: settings.chunkBytes,
  };
}
