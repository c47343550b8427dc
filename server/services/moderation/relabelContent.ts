/**
 * Changing a label, for any content type (SHARING.md, "Changing a label"). Raising: the author or a
 * moderator. Lowering: the originator (author, or their city's focal point) or a moderator. Always with
 * a written justification; always audited (who, when, from, to, why). The new label must fit the
 * space's ceiling. Raising to RED takes as the audience the members present when the item was first
 * shared who still are (later joiners lose it); leaving RED opens the item to the space again. A label other than CLEAR unpublishes.
 */
import type { Model } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { relabelDirection, type ContentType, type RelabelDirection } from '../../../shared/policy/content.js';
import {
  hasNamedAudience,
  isBelowParent,
  mayStayPublished,
  type Label,
} from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuditOutboxItem } from '../../models/auditOutbox.js';
import { MessageModel } from '../../models/Message.js';
import { DocumentModel } from '../../models/Document.js';
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import { LibraryRecordModel } from '../../models/LibraryRecord.js';
import { PostModel } from '../../models/Post.js';
import { loadContents, type ContentDocs } from '../../policy/contentAccess.js';
import { emitDocumentEvent } from '../../events/contentEvents.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { requireWithinCeiling } from '../content/ceiling.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { memberIdsSince } from '../../policy/spaceMembers.js';
import { moderatorRecord } from './moderationStep.js';

/** The collections relabels write to (reads go through contentAccess.ts). */
const WRITES: Record<ContentType, Model<never>> = {
  Post: PostModel as never,
  Message: MessageModel as never,
  Document: DocumentModel as never,
  ExpertRequest: ExpertRequestModel as never,
  LibraryRecord: LibraryRecordModel as never,
};

/**
 * The direction of the change when the actor may make it; otherwise throws (a refusal is recorded):
 * Conflict when the label stays, Forbidden naming who may raise or lower.
 */
export async function requireRelabel(
  ctx: SharingContext,
  type: ContentType,
  item: ContentDocs[ContentType],
  to: Label,
): Promise<RelabelDirection> {
  const direction = relabelDirection(item.label, to);
  if (!direction) throw new ConflictError(`The item is already labelled ${to}.`);
  const subject = item as unknown as Record<string, unknown>;
  if (canShare(ctx, 'relabel', type, subject, direction)) return direction;
  await authorizeSharing(ctx, 'relabel', type, subject, { field: direction }).catch(() => undefined);
  throw new ForbiddenError(
    direction === 'raise'
      ? 'Only the author or a moderator may raise this label.'
      : "Only the originator (the author or their city's focal point) or a moderator may lower this label.",
  );
}

/** What else changes with the label (moves), and the RED audience when the caller already has it. */
export interface LabelChange {
  spaceId?: unknown;
  spaceHubId?: unknown;
  release?: boolean;
  action: string;
  /** The RED audience to store (a topic's replies take the topic's); else see {@link memberIdsSince}. */
  audience?: unknown[];
  /** Further audit entries the change makes true (a move's), stored with it after the relabel's own. */
  audit?: AuditOutboxItem[];
}

/**
 * Applies a label change to a loaded item whose change the caller authorised; returns the item after
 * it (as stored). Conditional on the state read, so a concurrent change is refused, not overwritten.
 */
export async function applyLabel<D extends ContentDocs[ContentType]>(
  actor: Actor,
  item: D,
  to: Label,
  justification: string,
  change: LabelChange,
  type: ContentType = 'Post',
): Promise<D> {
  const spaceId = change.spaceId ?? item.spaceId;
  const space = (await spacesById([spaceId])).get(String(spaceId));
  if (!space) throw new NotFoundError('Space');
  requireWithinCeiling(to, space);
  // A raise to RED (a move never carries RED) never widens the audience: the people present when the
  // item was first shared who are still members and read it until now (SHARING.md, "Readings settled").
  const audience = hasNamedAudience(to)
    ? (change.audience ?? (await memberIdsSince(space, item.createdAt)))
    : [];
  const set: Record<string, unknown> = {
    label: to,
    audienceIds: audience,
    published: mayStayPublished(to) ? item.published : false,
  };
  if (change.spaceId) {
    set.spaceId = change.spaceId;
    set.spaceHubId = change.spaceHubId ?? null;
  }
  if (change.release) set.state = 'visible';
  const event = {
    at: new Date(),
    action: change.action,
    ...moderatorRecord(actor),
    reason: justification,
    from: item.label,
    to,
  };
  // The entries are stored with the change (server/audit/auditOutbox.ts).
  const audit = [
    ...(item.label !== to
      ? [
          auditOutboxItem(
            actor,
            'content.relabelled',
            { type, id: String(item._id), label: to },
            { from: item.label, to, why: justification },
          ),
        ]
      : []),
    ...(change.audit ?? []),
  ];
  const result = await WRITES[type].updateOne(
    { _id: item._id, label: item.label, state: item.state, spaceId: item.spaceId } as never,
    {
      $set: set,
      $push: { moderation: event, ...(audit.length > 0 ? { auditOutbox: { $each: audit } } : {}) },
    } as never,
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  if (audit.length > 0) await flushAuditOutbox(WRITES[type], item._id);
  const after = { ...item, ...set, moderation: [...item.moderation, event] } as D;
  if (type !== 'Document') await raiseAttachedFiles(actor, after, type);
  return after;
}

/**
 * A file takes at least the label of the item it is attached to (SHARING.md, "Files"): when an item is
 * raised, its attached files below the new label are raised with it (audited, published), a RED one
 * to the item's audience. A file changed meanwhile is looked at again on the next raise.
 */
async function raiseAttachedFiles(
  actor: Actor,
  item: ContentDocs[ContentType],
  type: ContentType,
): Promise<void> {
  const ids = (item as { attachmentIds?: unknown[] | null }).attachmentIds ?? [];
  if (ids.length === 0) return;
  const to = item.label as Label;
  for (const file of await loadContents(ids as string[], 'Document')) {
    if (file.state === 'deleted' || !isBelowParent(file.label as Label, to)) continue;
    const why = `raised with the ${type === 'Message' ? 'message' : 'post'} it is attached to (${to})`;
    try {
      const raised = await applyLabel(
        actor,
        file,
        to,
        why,
        { action: 'relabel', audience: item.audienceIds },
        'Document',
      );
      emitDocumentEvent({ type: 'relabelled', before: file, after: raised });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}

/** A topic or thread root, as far as its replies' RED audience is concerned. */
type Parent = { label: string; audienceIds: unknown[] };

/** The ids among `ids` a reply may name under `parent`: all of them, or only the RED parent's audience. */
export function withinParentAudience(parent: Parent, ids: string[]): string[] {
  if (!hasNamedAudience(parent.label)) return ids;
  const audience = new Set(parent.audienceIds.map(String));
  return ids.filter((id) => audience.has(id));
}

/** True when a RED reply's audience names someone outside its RED parent's (a topic or thread root). */
export function widerThanParent(parent: Parent, reply: Parent): boolean {
  if (!hasNamedAudience(parent.label) || !hasNamedAudience(reply.label)) return false;
  const audience = new Set(parent.audienceIds.map(String));
  return reply.audienceIds.some((id) => !audience.has(String(id)));
}
