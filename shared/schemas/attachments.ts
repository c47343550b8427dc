/**
 * Files attached to a forum post or a room message. An attachment is a document of the same space,
 * uploaded from the composer (or chosen among the space's documents) and named by its id when the
 * item is created; it takes at least the item's label (SHARING.md, "Files"). Kept apart from
 * documents.ts so the post and room shapes can use it without an import cycle.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { ObjectIdString } from './common.js';

/** Where an uploaded file stands: only `clean` files can be read, by anyone. */
export const FILE_STATUSES = [
  'receiving',
  'scanning',
  'clean',
  'infected',
  'unscannable',
  'refused',
] as const;

/** One of {@link FILE_STATUSES}. */
export type FileStatus = (typeof FILE_STATUSES)[number];

/** The most files one post or message may carry. */
export const MAX_ATTACHMENTS = 10;

/** The documents a new post or message carries, by id (each at most once). */
export const AttachmentIds = z
  .array(ObjectIdString)
  .max(MAX_ATTACHMENTS)
  .refine((ids) => new Set(ids).size === ids.length, 'each document at most once');

/**
 * One attachment as a reader of the item sees it: only attachments that reader may read are listed
 * (never a count of the others). `fileName` and `size` are those of the version a download gives.
 */
export const Attachment = z
  .object({
    id: ObjectIdString,
    title: z.string(),
    label: z.enum(LABELS),
    status: z.enum(FILE_STATUSES),
    fileName: z.string().nullable(),
    size: z.number().int().nonnegative().nullable(),
    mediaType: z.string().nullable(),
  })
  .meta({ id: 'Attachment' });

/** An attachment as the client receives it. */
export type AttachmentView = z.infer<typeof Attachment>;
