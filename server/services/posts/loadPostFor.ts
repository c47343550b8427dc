/** Loads one post for a per-item decision, through the kernel's one load by id. */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { PostDoc } from '../../models/Post.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';

/** A post as a policy subject. */
export function subjectOf(item: PostDoc): Record<string, unknown> {
  return contentSubject(item);
}

/** The post, when the actor may read it, moderate it, or is its author; otherwise "not found". */
export function loadPostFor(ctx: SharingContext, id: string): Promise<PostDoc> {
  return loadContentFor(ctx, 'Post', id);
}
