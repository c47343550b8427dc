/**
 * Query shapes allowed to run without an index, each with its reason. A shape is named by its index
 * key (test/support/queryShapesParse.ts `indexKeyOf`): collection, filter paths with their kinds,
 * sort. The index-coverage test (test/suiteEnd/indexCoverage.test.ts) prints the key of every shape
 * it cannot serve; add an index to the model instead whenever the collection grows with use.
 */

/** One shape that may scan, and why that is acceptable. */
export interface AllowedShape {
  shape: string;
  reason: string;
}

/** The allowlist. */
export const INDEX_ALLOWLIST: readonly AllowedShape[] = [
  {
    shape: 'hubs {} sort(slug:1, _id:1)',
    reason:
      'Hubs are a few dozen regional hubs (one per region); the admin list pages them by slug in memory.',
  },
  {
    shape: 'identityproviders {} sort(slug:1, _id:1)',
    reason:
      'Identity providers number one or two per member city (hundreds at most); the admin command lists them all.',
  },
  {
    shape: 'identityproviders {cityId:eq} sort(slug:1, _id:1)',
    reason:
      "Identity providers: one or two per city; the city's few are sorted in memory after the {cityId, slug} index bounds them.",
  },
  {
    shape: 'identityproviders {status:eq}',
    reason:
      'Identity providers: one or two per city (hundreds at most); the sign-in page lists the active ones.',
  },
  {
    shape: 'identityproviders {ssoUrl:regex, status:eq}',
    reason:
      'Development only (server/auth/devIdp/registerDemoIdp.ts): the demo identity providers, never run in production.',
  },
  {
    shape: 'serviceproviderkeys {privateKey:range}',
    reason:
      'Our own SAML key pairs: three slots at most (current, next, retired); read whole when the data key is rotated (rewrapStoredSecrets).',
  },
  {
    shape: 'localcredentials {or[{totpSecret:ne} | {totpPendingSecret:ne}]}',
    reason:
      'Operator command sealClearTotpSecrets (server/auth/local/totpSecrets.ts): run once after an upgrade, reads every credential with a TOTP secret.',
  },
  {
    shape: 'localcredentials {or[{totpSecret:range} | {totpPendingSecret:range}]}',
    reason:
      'Data-key rotation (server/services/secrets/rewrapStoredSecrets.ts): an operator command that reads every sealed secret once per rotation.',
  },
  {
    shape: 'cities {} sort(name:1, _id:1)',
    reason:
      'Only test/server/db/pagination.test.ts pages cities with no status; the app lists cities by status ({status, name, _id}). Cities are hundreds at most.',
  },
  {
    shape: 'cities {or[{name:range} | {_id:range, name:eq}]} sort(name:1, _id:1)',
    reason:
      'Only test/server/db/pagination.test.ts pages cities with no status (next pages); the app lists them by status ({status, name, _id}).',
  },
  {
    shape: 'reactions {messageId:in} sort(_id:1)',
    reason:
      'Reactions of one page of messages (server/services/rooms/presentMessage.ts): the $in is served by the unique {messageId, personId, emoji}; those rows (limit 10,000) are sorted in memory.',
  },
  {
    shape: 'flags {postId:eq} sort(_id:1)',
    reason:
      'Flags of one item (getModerationRecord): served by the unique {postId, flaggedBy}, one per flagger, sorted in memory.',
  },
  {
    shape: 'flags {postId:eq, spaceHubId:in} sort(_id:1)',
    reason:
      "Flags of one item in the moderator's hubs (getModerationRecord): served by the unique {postId, flaggedBy}, a handful sorted in memory.",
  },
  {
    shape:
      'messages {authorId:ne, spaceId:eq, threadId:eq, or[{audienceIds:eq, label:eq, spaceId:in, state:eq, topicHidden:ne} | {label:in, spaceId:in, state:eq, topicHidden:ne} | {label:eq, published:eq, state:eq, topicHidden:ne}]} sort(createdAt:-1, _id:-1)',
    reason:
      "Readable replies of one thread (findReadableMatches): bounded by {threadId, _id} to one thread's replies, the newest sorted in memory.",
  },
  {
    shape:
      'messages {_id:range, authorId:ne, spaceId:eq, threadId:eq, or[{audienceIds:eq, label:eq, spaceId:in, state:eq, topicHidden:ne} | {label:in, spaceId:in, state:eq, topicHidden:ne} | {label:eq, published:eq, state:eq, topicHidden:ne}]} sort(createdAt:-1, _id:-1)',
    reason:
      "Readable replies of one thread after a cursor: bounded by {threadId, _id} to one thread's replies, sorted in memory.",
  },
  {
    shape: 'spaces {kind:eq} sort(_id:1)',
    reason:
      'Spaces of one kind a person takes part in (home summary, limit SPACES_LISTED): the {kind, hubId} index bounds it to that kind, sorted by _id in memory.',
  },
  {
    shape: 'spaces {kind:eq} sort(name:1, _id:1)',
    reason:
      'Spaces of one kind by name (paged list): the {kind, hubId} index bounds it to that kind, sorted by name in memory.',
  },
  {
    shape:
      'spaces {or[{cityId:eq, kind:in} | {hubId:eq, kind:eq} | {kind:eq} | {_id:in, leadersOnly:eq}]} sort(name:1, _id:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape:
      'spaces {or[{cityId:eq, kind:in} | {hubId:eq, kind:eq} | {kind:eq} | {_id:in}]} sort(name:1, _id:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape:
      'spaces {or[{kind:eq} | {cityId:eq, kind:in} | {hubId:eq, kind:eq} | {kind:eq}]} sort(name:1, _id:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape: 'spaces {or[{kind:eq} | {hubId:in, kind:eq}]} sort(name:1, _id:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape:
      'spaces {or[{cityId:eq, kind:in} | {hubId:eq, kind:eq} | {kind:eq} | {_id:in, leadersOnly:eq}]} sort(name:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape: 'spaces {or[{cityId:eq, kind:in} | {hubId:eq, kind:eq} | {kind:eq} | {_id:in}]} sort(name:1)',
    reason:
      "The spaces a person may see or share into (sharingFilter): every $or branch has an index ({kind, cityId}, {kind, hubId}, {hubId, slug}, _id); their union, bounded by one person's city, hub and memberships, is sorted by name in memory.",
  },
  {
    shape: 'reactions {personId:eq}',
    reason:
      'Erasure of one account (server/services/erasure/removePersonalRecords.ts): rare, run once per erased person; an index kept on every write for it would cost more than the scan.',
  },
  {
    shape: 'cities {focalPointIds:eq}',
    reason:
      'Erasure of one account (server/services/erasure/removePersonalRecords.ts): rare, run once per erased person; an index kept on every write for it would cost more than the scan.',
  },
  {
    shape: 'flags {resolvedById:eq}',
    reason:
      'Erasure of one account (server/services/erasure/removePersonalRecords.ts): rare, run once per erased person; an index kept on every write for it would cost more than the scan.',
  },
  {
    shape: 'scimgroups {memberIds:eq}',
    reason:
      'Erasure of one account (server/services/erasure/removePersonalRecords.ts): rare, run once per erased person; an index kept on every write for it would cost more than the scan.',
  },
];
