/**
 * The kernel's check of the files a new post or message carries (SHARING.md, "Files"). Each must be
 * a document the author may read, in the same space, neither infected nor refused, labelled at least
 * as the item (`attachment_below_label`); a RED file goes only with a RED item
 * (`attachment_narrower`), whose audience is then kept within the file's, so every reader of the item
 * may open every file it carries. What a reader is shown of them later is documents/presentAttachments.ts.
 */
import { Types } from 'mongoose';
import { asLabel } from '../../../shared/policy/content.js';
import { attachmentRefusal, hasNamedAudience, type Label } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { findContentByIds } from '../../policy/contentAccess.js';
import { InvalidError } from '../../errors.js';

/** File statuses that may never be attached (nothing can ever read them). */
const UNUSABLE = new Set(['infected', 'refused']);

/** The checked attachments: their ids, and the audience a RED item is kept within (null: no RED file). */
export interface CheckedAttachments {
  ids: Types.ObjectId[];
  audience: string[] | null;
}

function refuse(message: string, reason: string, params: Record<string, string> = {}): never {
  throw new InvalidError(message, [{ path: 'attachments', message }], { reason, params });
}

/** Checks that the item labelled `label` in `space` may carry the documents `ids`; refusals name why. */
export async function checkAttachments(
  ctx: SharingContext,
  spaceId: unknown,
  label: Label,
  ids: readonly string[] | undefined,
): Promise<CheckedAttachments> {
  if (!ids || ids.length === 0) return { ids: [], audience: null };
  const unique = [...new Set(ids)];
  const found = await findContentByIds(ctx, unique, 'read', 'Document');
  if (found.length !== unique.length)
    refuse('An attached document does not exist or is not available to you.', 'attachment_not_found');
  let audience = null as Set<string> | null;
  for (const document of found) {
    if (String(document.spaceId) !== String(spaceId))
      refuse('An attached document must be in the same space.', 'attachment_other_space');
    if (UNUSABLE.has(document.status))
      refuse('An attached file was refused or found infected.', 'attachment_unusable');
    const fileLabel = asLabel(document.label);
    const why = attachmentRefusal(label, fileLabel);
    if (why === 'attachment_below_label')
      refuse(`A file labelled ${fileLabel} cannot go with an item labelled ${label}.`, why, {
        label,
        file: fileLabel,
      });
    if (why) refuse('A RED file can only go with a RED item.', why, { label, file: fileLabel });
    if (hasNamedAudience(fileLabel)) {
      const own = new Set(document.audienceIds.map(String));
      const before: Set<string> | null = audience;
      audience = before ? new Set([...before].filter((id) => own.has(id))) : own;
    }
  }
  const byId = new Map(found.map((d) => [String(d._id), d._id as Types.ObjectId]));
  return {
    ids: unique.map((id) => byId.get(id) ?? new Types.ObjectId(id)),
    audience: audience ? [...audience] : null,
  };
}
