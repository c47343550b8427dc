/**
 * Documents: labelled files in a space, with versions. The shapes of the upload fields (multipart and
 * tus `Upload-Metadata` carry the same ones), of a document and of the originator's access log.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { CONTENT_STATES } from '../policy/content.js';
import { CONTENT_LANGUAGES } from '../languages.js';
import { ItemAbilities, ModerationEvent } from './posts.js';
import { Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';
import { FILE_STATUSES } from './attachments.js';

export { FILE_STATUSES, type FileStatus } from './attachments.js';

/** A tag: a short word or phrase. */
const Tag = z.string().trim().min(1).max(40);

/** The fields of a new document, besides its file (multipart fields, or tus Upload-Metadata). */
export const NewDocumentFields = z
  .object({
    title: Line(200),
    label: z.enum(LABELS),
    description: Paragraphs(4000).optional(),
    language: z.enum(CONTENT_LANGUAGES).optional(),
    /** Multipart sends one comma-separated field; the API splits it. */
    tags: z.array(Tag).max(20).optional(),
  })
  .strict()
  .meta({ id: 'NewDocumentFields' });

/** The fields of a new version, besides its file. */
export const NewVersionFields = z
  .object({
    note: Paragraphs(1000).optional(),
    /** A new version may raise the label, never lower it; absent keeps the document's. */
    label: z.enum(LABELS).optional(),
  })
  .strict()
  .meta({ id: 'NewVersionFields' });

/** The query of a space's document list. */
export const DocumentListQuery = PageQuery.meta({ id: 'DocumentListQuery' });

/** One version of a document's file. */
export const DocumentVersion = z
  .object({
    n: z.number().int().min(1),
    fileName: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().nullable(),
    /** The type detected from the bytes (e.g. `application/pdf`); null until checked. */
    mediaType: z.string().nullable(),
    status: z.enum(FILE_STATUSES),
    /** Why a file was refused or held (a stable code the client translates), when it was. */
    reason: z.string().nullable(),
    /** Legacy Office formats (.doc, .xls, .ppt) are accepted but flagged. */
    legacyOffice: z.boolean(),
    /** How many preview pages (small images of a PDF's first pages) a clean version has. */
    previews: z.number().int().min(0),
    note: z.string().nullable(),
    label: z.enum(LABELS),
    createdAt: z.string(),
    author: z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'DocumentVersion' });

/**
 * Where a document stands with its label's retention period (RETENTION_DAYS_<LABEL>), and a
 * moderator's hold, which keeps it whatever the period says.
 */
export const DocumentRetention = z
  .object({
    /** When its label's period ends, or ended, counted from its newest version; null: kept for ever. */
    expiresAt: z.string().nullable(),
    /** When it will be deleted, once the period has ended (a grace period later); null: not expiring. */
    purgeAt: z.string().nullable(),
    /** A moderator's hold, with its reason. */
    held: z.object({ reason: z.string(), at: z.string() }).nullable(),
  })
  .meta({ id: 'DocumentRetention' });

/** A document as the API returns it. */
export const Document = z
  .object({
    id: ObjectIdString,
    space: z.object({ slug: Slug, name: z.string() }),
    title: z.string(),
    description: z.string(),
    language: z.string().nullable(),
    tags: z.array(z.string()),
    label: z.enum(LABELS),
    /** The latest version's status. */
    status: z.enum(FILE_STATUSES),
    state: z.enum(CONTENT_STATES),
    /** The city the document belongs to (the uploader's), null when the Chatham House Rule strips it. */
    city: Slug.nullable(),
    author: z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Newest first. */
    versions: z.array(DocumentVersion),
    /** Whether views and downloads are recorded for the originator (AMBER+STRICT and RED). */
    accessRecorded: z.boolean(),
    /** False when no virus scanner is configured: files are then not scanned, and the page says so. */
    scanned: z.boolean(),
    retention: DocumentRetention,
    moderation: z.array(ModerationEvent).optional(),
    abilities: ItemAbilities.extend({
      download: z.boolean(),
      addVersion: z.boolean(),
      readAccessLog: z.boolean(),
      /** Whether the reader may release a version too large for the scanner (a moderator's decision). */
      release: z.boolean(),
      /** Whether the reader may place or lift a moderation hold, which keeps it from retention. */
      hold: z.boolean(),
    }),
  })
  .meta({ id: 'Document' });

/** Input to share a document onward into another space (as a copy). */
export const DocumentShare = z.object({ to: Slug }).strict().meta({ id: 'DocumentShare' });

/** The spaces a document may be shared into, by name. */
export const ShareDestinations = z
  .object({ items: z.array(z.object({ slug: Slug, name: z.string(), kind: z.string() })) })
  .meta({ id: 'ShareDestinations' });

/** A page of a space's documents. */
export const DocumentPage = z
  .object({ items: z.array(Document), nextCursor: z.string().nullable() })
  .meta({ id: 'DocumentPage' });

/** One recorded view or download of a document. */
export const DocumentAccessEntry = z
  .object({
    at: z.string(),
    action: z.enum(['view', 'download']),
    version: z.number().int().nullable(),
    person: z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable(),
    city: z.object({ slug: Slug, name: z.string() }).nullable(),
  })
  .meta({ id: 'DocumentAccessEntry' });

/** The originator's access log of one document, newest first. */
export const DocumentAccessLog = z
  .object({ items: z.array(DocumentAccessEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'DocumentAccessLog' });

/** The upload settings the client needs (from `GET /api/v1/uploads/settings`). */
export const UploadSettings = z
  .object({ maxBytes: z.number().int(), scanned: z.boolean(), chunkBytes: z.number().int() })
  .meta({ id: 'UploadSettings' });

/** The virus scanner and the file store as the admins' console shows them (`GET /api/v1/uploads/scanner`). */
export const FileScannerStatus = z
  .object({
    /** False when CLAMD_URL is not set: files are not scanned. */
    scanned: z.boolean(),
    /** Whether the configured scanner answered just now, and its VERSION (naming its signatures). */
    scanner: z.object({ reachable: z.boolean(), version: z.string().nullable() }).nullable(),
    maxBytes: z.number().int(),
    scannerMaxBytes: z.number().int(),
    chunkBytes: z.number().int(),
    infectedRetentionDays: z.number().int(),
    rescanAfterDays: z.number().int(),
    /** Retention by label: each label's period in days (null: kept for ever), and the grace period. */
    retention: z.object({
      labels: z.array(z.object({ label: z.enum(LABELS), days: z.number().int().nullable() })),
      graceDays: z.number().int(),
    }),
    files: z.object({
      clean: z.number().int(),
      /** Infected files kept in the isolated store for the moderators. */
      held: z.number().int(),
      /** Too large for the scanner, waiting for a moderator's decision. */
      awaitingDecision: z.number().int(),
      /** Clean files no scanner has looked at (stored while none was configured). */
      unscanned: z.number().int(),
      /** Clean files the next sweeps will scan again (null while the scanner does not answer). */
      dueForRescan: z.number().int().nullable(),
    }),
  })
  .meta({ id: 'FileScannerStatus' });
