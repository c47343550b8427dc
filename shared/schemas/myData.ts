/**
 * Schemas of "My data" (/api/v1/me/...): per-space notification levels, the access log of my own
 * sensitive material, and the erasure of my account.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { CONTENT_TYPES } from '../policy/content.js';
import { ObjectIdString, PageQuery, Slug } from './common.js';

/** What I hear from one space: everything, only mentions of me, or nothing (muted). */
export const SpaceNotificationLevel = z.enum(['all', 'mentions', 'none']);

/** One space I take part in, with my level there. */
export const SpaceNotificationSetting = z
  .object({
    space: Slug,
    name: z.string(),
    kind: z.string(),
    level: SpaceNotificationLevel,
  })
  .meta({ id: 'SpaceNotificationSetting' });

/** The spaces I take part in and my level in each. */
export const SpaceNotificationSettings = z
  .object({ items: z.array(SpaceNotificationSetting) })
  .meta({ id: 'SpaceNotificationSettings' });

/** Path parameters naming a space by slug. */
export const SpaceSettingParams = z.object({ space: Slug }).strict();

/** Sets my level in one space. */
export const SetSpaceNotificationLevel = z.object({ level: SpaceNotificationLevel }).strict();

/** One access to one of my AMBER+STRICT or RED items: who, when, how, through which channel. */
export const AccessLogEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.enum(['viewed', 'downloaded', 'delivered']),
    channel: z.string().nullable(),
    item: z.object({
      type: z.enum(CONTENT_TYPES),
      id: ObjectIdString,
      label: z.enum(LABELS),
      /** A message's room, to open it there; null for a post. */
      room: ObjectIdString.nullable(),
    }),
    /** The people who accessed it (a delivery names every recipient); `name` is null for a former member. */
    people: z.array(z.object({ id: ObjectIdString, name: z.string().nullable() })),
  })
  .meta({ id: 'AccessLogEntry' });

/** A page of the access log, newest first. */
export const AccessLogQuery = PageQuery.strict();

/**
 * Erasure of my account: my e-mail address typed again as confirmation, and the current code of my
 * authenticator when my account has one.
 */
export const EraseMyAccount = z
  .object({
    confirmEmail: z.string().trim().min(1).max(320),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/)
      .optional(),
  })
  .strict();

/** What the erasure did. */
export const ErasureReport = z
  .object({
    erased: z.literal(true),
    /** Items kept, authored by "former member" (CLEAR and GREEN material others learn from). */
    pseudonymised: z.number().int(),
    /** Items deleted to a tombstone (AMBER and above, direct conversations). */
    deleted: z.number().int(),
    /** Audit entries whose personal fields were erased (the chain still verifies). */
    auditEntriesPseudonymised: z.number().int(),
    /** Audit entries written before personal fields were sealed: they keep the name (erasing it would break the chain). */
    auditEntriesUnsealed: z.number().int(),
    sessionsEnded: z.number().int(),
  })
  .meta({ id: 'ErasureReport' });

/** Whether my account needs an authenticator code to be erased (it has a second factor). */
export const ErasureRequirements = z
  .object({ email: z.string(), secondFactor: z.boolean(), signInAgain: z.boolean() })
  .meta({ id: 'ErasureRequirements' });
