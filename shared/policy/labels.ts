/**
 * The Traffic Light Protocol 2.0 labels (SHARING.md, "Labels") and the rules that follow from a label
 * alone, as data: their order, where material may go onward, and what may leave the platform.
 */

/** The labels from least to most restrictive; the order is the rule. */
export const LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;

/** One of {@link LABELS}. */
export type Label = (typeof LABELS)[number];

/** The rank of a label: 0 for CLEAR up to 4 for RED. */
export function labelRank(label: Label): number {
  return LABELS.indexOf(label);
}

/** True when `a` is more restrictive than `b`. */
export function isAbove(a: Label, b: Label): boolean {
  return labelRank(a) > labelRank(b);
}

/** Every label up to and including `ceiling`, the labels a space with that ceiling may hold. */
export function labelsUpTo(ceiling: Label): Label[] {
  return LABELS.slice(0, labelRank(ceiling) + 1);
}

/** Labels readable by every member of the space (RED needs the audience snapshot too). */
export const MEMBER_LABELS: readonly Label[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'];

/**
 * Where material may go onward, by label (SHARING.md, "Onward sharing"):
 * - `anywhere`: any space, and public pages once published;
 * - `members_only_space`: any space of the network (every space is members-only); never public;
 * - `own_city_or_partners`: the sharer's own city space, or that city's space with its local partners;
 * - `own_city_internal`: the sharer's own city internal space only;
 * - `nowhere`.
 */
export const ONWARD_SHARING = {
  CLEAR: 'anywhere',
  GREEN: 'members_only_space',
  AMBER: 'own_city_or_partners',
  'AMBER+STRICT': 'own_city_internal',
  RED: 'nowhere',
} as const satisfies Record<Label, string>;

/** One value of {@link ONWARD_SHARING}. */
export type OnwardRule = (typeof ONWARD_SHARING)[Label];

/** Labels whose content (title, body) may appear in notifications, e-mail, push and digests. */
export const BODY_MAY_LEAVE: readonly Label[] = ['CLEAR', 'GREEN'];

/** Labels whose every view and download is written to the audit log, visible to the originator. */
export const ACCESS_AUDITED: readonly Label[] = ['AMBER+STRICT', 'RED'];

/** The only label that may be published to public pages and the unauthenticated API. */
export const PUBLISHABLE: Label = 'CLEAR';

/** The most restrictive label: what an item whose label is unknown is treated as (fail closed). */
export const STRICTEST: Label = 'RED';

/** Whether material at `label` is for a named audience fixed when it is shared (RED), not the whole space. */
export function hasNamedAudience(label: string): boolean {
  // An unknown label is treated as the strictest (fail closed).
  return label === 'RED' || !(LABELS as readonly string[]).includes(label);
}

/** Whether material at `label` may stay published on public pages (CLEAR only). */
export function mayStayPublished(label: string): boolean {
  return label === PUBLISHABLE;
}

/** Whether a view or download of material at `label` is audited for its originator. */
export function isAccessAudited(label: Label): boolean {
  return ACCESS_AUDITED.includes(label);
}

/** Whether a child labelled `label` (a reply) would sit below its parent's label: never allowed. */
export function isBelowParent(label: Label, parentLabel: Label): boolean {
  return isAbove(parentLabel, label);
}

/** Whether changing `from` to `to` raises the label. */
export function raises(from: Label, to: Label): boolean {
  return isAbove(to, from);
}

/** The more restrictive of two labels (a reply's default: its parent's label when that is higher). */
export function stricterOf(a: Label, b: Label): Label {
  return isAbove(a, b) ? a : b;
}

/** The less restrictive of two labels (a request room's ceiling kept within its experts' clearance). */
export function looserOf(a: Label, b: Label): Label {
  return isAbove(a, b) ? b : a;
}

/** Whether the title and body of material at `label` may leave the platform (notices, e-mail, digests). */
export function bodyMayLeave(label: Label): boolean {
  return BODY_MAY_LEAVE.includes(label);
}

/** Why a file labelled `fileLabel` may not go with an item labelled `itemLabel`, or null when it may. */
export type AttachmentRefusal = 'attachment_below_label' | 'attachment_narrower';

/**
 * Whether a file may be attached to an item of the same space (SHARING.md, "Files": a file takes at
 * least the label of the message or post it is attached to). A RED file goes only with a RED item,
 * whose audience is then kept within the file's: every reader of the item may open its files.
 */
export function attachmentRefusal(itemLabel: Label, fileLabel: Label): AttachmentRefusal | null {
  if (isAbove(itemLabel, fileLabel)) return 'attachment_below_label';
  if (hasNamedAudience(fileLabel) && !hasNamedAudience(itemLabel)) return 'attachment_narrower';
  return null;
}

/**
 * Whether everyone who reads an item (of the same space) may also read a file attached to it, as the
 * two stand now: a file for the space's members (whatever either label), or a RED file whose audience
 * holds the RED item's.
 * Deliveries computed once for a whole room list only such files.
 */
export function attachmentReadableByItemReaders(
  item: { label: string; audienceIds: readonly unknown[] },
  file: { label: string; audienceIds: readonly unknown[] },
): boolean {
  if (!hasNamedAudience(file.label)) return true;
  if (!hasNamedAudience(item.label)) return false;
  const allowed = new Set(file.audienceIds.map(String));
  return item.audienceIds.every((id) => allowed.has(String(id)));
}
