/**
 * Reads one document: readers get it (views of AMBER+STRICT and RED are recorded for the originator).
 * Its uploader and its moderators also find it while it is held (quarantined, infected, unscannable)
 * or not readable to them: they get its state, versions' statuses and history, never its title,
 * description, tags or file names. Anyone else is told "not found".
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { recordSensitiveAccess } from '../../policy/contentAccess.js';
import { canShare } from '../../policy/sharingAccess.js';
import { loadContentFor } from '../content/loadContentFor.js';
import { presentDocument } from './presentDocument.js';

/** The document as the actor may see it. */
export async function getDocument(actor: Actor, id: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  const shown = await presentDocument(ctx, item);
  if (canShare(ctx, 'read', 'Document', item as unknown as Record<string, unknown>)) {
    await recordSensitiveAccess(ctx, [item], 'view', 'rest.document', 'Document');
    return shown;
  }
  return {
    ...shown,
    title: '',
    description: '',
    tags: [],
    versions: shown.versions.map((v) => ({ ...v, fileName: '', note: null })),
  };
}
