/**
 * Flags, for every content type whose kind declares `flagged` (SHARING.md, "Spillage and moderation"):
 * anyone who may read an item flags it for the moderators of its hub (never their own item; once per
 * person), and every moderation action on the item closes its open flags with what was done, by whom
 * and why. The kernel's one road: posts and room messages share it.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { FLAG_REASONS } from '../../../shared/schemas/posts.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuditOutboxItem } from '../../models/auditOutbox.js';
import { FlagModel } from '../../models/Flag.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError, UnauthenticatedError, isDuplicateKey } from '../../errors.js';
import { notify, type NotificationKind } from '../notifications/notify.js';
import type { ContentKind } from './contentKind.js';
import { contentSubject, loadContentFor } from './loadContentFor.js';

/** The notice the moderators get of a new flag, per content type. */
const FLAG_NOTICE: Record<ContentType, NotificationKind> = {
  Post: 'post.flagged',
  Message: 'message.flagged',
  Document: 'document.flagged',
  ExpertRequest: 'request.flagged',
  LibraryRecord: 'library.flagged',
};

/** What a reader says when flagging. */
export interface FlagInput {
  reason: (typeof FLAG_REASONS)[number];
  note?: string | undefined;
}

/**
 * Records the actor's flag on the item and tells its moderators (audited). Flagging twice is
 * idempotent. An item the actor may not read, or their own, is "not found" (the refusal is recorded).
 */
export async function flagContent<T extends ContentType>(
  kind: ContentKind<T>,
  actor: Actor,
  id: string,
  input: FlagInput,
): Promise<{ flagged: true }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  if (!kind.flagged) throw new NotFoundError(kind.type);
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, kind.type, id);
  await authorizeSharing(ctx, 'flag', kind.type, contentSubject(item), { hide: kind.type });
  // The flag is stored with its entry (server/audit/auditOutbox.ts).
  const flag = new FlagModel({
    itemType: kind.type,
    postId: item._id,
    spaceHubId: item.spaceHubId ?? null,
    flaggedBy: actor.id,
    reason: input.reason,
    note: input.note ?? null,
    state: 'open',
    createdAt: new Date(),
  });
  flag.set('auditOutbox', [
    auditOutboxItem(
      actor,
      'content.flagged',
      { type: kind.type, id, label: item.label },
      { reason: input.reason },
    ),
  ]);
  try {
    await flag.save();
  } catch (error) {
    if (isDuplicateKey(error)) return { flagged: true };
    throw error;
  }
  await flushAuditOutbox(FlagModel as never, flag._id);
  await notify(await moderatorIdsFor(item.spaceHubId), item, FLAG_NOTICE[kind.type], input.reason, kind.type);
  return { flagged: true };
}

/** What closed a flag. */
export interface FlagClosure {
  /** The moderation action (`quarantine`, `delete`, `relabel`, `move`, `restore`). */
  action: string;
  reason: string | null;
}

/** The person who closed a flag, as stored. */
function closer(actor: Actor): { resolvedById: string | null; resolvedByName: string } {
  return actor.kind === 'person'
    ? { resolvedById: actor.id, resolvedByName: actor.name }
    : { resolvedById: null, resolvedByName: actor.kind };
}

/** Resolves the item's open flags (types that take flags), recording what closed them. */
export async function resolveOpenFlags(
  kind: Pick<ContentKind, 'flagged'>,
  item: { _id: unknown },
  actor: Actor,
  closure: FlagClosure,
): Promise<number> {
  if (!kind.flagged) return 0;
  const result = await FlagModel.updateMany(
    { postId: item._id as never, state: 'open' as const },
    {
      $set: {
        state: 'resolved',
        resolvedAt: new Date(),
        resolution: closure.action,
        resolutionReason: closure.reason,
        ...closer(actor),
      },
    },
  );
  return result.modifiedCount;
}

/**
 * Dismisses one open flag (the item stays as it is), recording who, when and why. Only from `open`:
 * a flag already closed is refused with `state_conflict`. Returns whether this call dismissed it.
 */
export async function dismissOpenFlag(
  flagId: unknown,
  actor: Actor,
  reason: string,
  audit?: AuditOutboxItem,
): Promise<boolean> {
  const result = await FlagModel.updateOne(
    { _id: flagId as never, state: 'open' as const },
    {
      $set: {
        state: 'dismissed',
        resolvedAt: new Date(),
        resolution: 'dismiss',
        resolutionReason: reason,
        ...closer(actor),
      },
      // The dismissal's audit entry, stored with it (server/audit/auditOutbox.ts).
      ...(audit ? { $push: { auditOutbox: audit } } : {}),
    },
  );
  if (audit && result.modifiedCount > 0) await flushAuditOutbox(FlagModel as never, flagId);
  return result.modifiedCount > 0;
}
