/**
 * The download hook for files attached to content (documents come later and must call it before
 * streaming a byte): RED files only for their named recipients, everything as readable, and every
 * download of AMBER+STRICT and RED recorded for the originator.
 */
import type { Actor } from '../../shared/policy/actor.js';
import type { PostDoc } from '../models/Post.js';
import { recordSensitiveAccess } from './contentAccess.js';
import { loadSharingContext } from './loadSharingContext.js';
import { authorizeSharing } from './sharingAccess.js';

/** Throws (not found) unless the actor may download the item's files; records sensitive downloads. */
export async function authorizeDownload(actor: Actor, item: PostDoc): Promise<void> {
  const ctx = await loadSharingContext(actor);
  await authorizeSharing(ctx, 'download', 'Post', item as unknown as Record<string, unknown>, {
    hide: 'File',
  });
  await recordSensitiveAccess(ctx, [item], 'download', 'download');
}
