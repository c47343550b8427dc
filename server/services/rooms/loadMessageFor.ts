/** Loads one message for a per-item decision, through the kernel's one load by id. */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { MessageDoc } from '../../models/Message.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';

/** A message as a policy subject. */
export function messageSubject(item: MessageDoc): Record<string, unknown> {
  return contentSubject(item);
}

/** The message, when the actor may read it, moderate it, or wrote it; otherwise "not found". */
export function loadMessageFor(ctx: SharingContext, id: string): Promise<MessageDoc> {
  return loadContentFor(ctx, 'Message', id);
}
