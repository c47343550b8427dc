/**
 * The audit actions of the moderators' audit page and each item's record, for the server's query and
 * the client's filter alike (no zod here: the client page imports it without the schemas).
 */
/** The audit actions of the moderators' audit page and each item's record (server and client). */
export const MODERATION_AUDIT_ACTIONS = [
  'content.flagged',
  'content.quarantined',
  'content.restored',
  'content.relabelled',
  'content.moved',
  'content.deleted',
  'content.published',
  'content.shared',
  'flag.dismissed',
  'document.held',
  'document.hold_lifted',
  'document.retention_due',
] as const;
