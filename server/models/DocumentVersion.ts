/**
 * One version of a document's file: where its bytes are (a file store key in the `uploads` bucket, or
 * `isolated` when infected), what the checks found from the bytes and what the scanner said. A version
 * is read only after its document was loaded through the policy, and its bytes only when `clean`.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';
import { FILE_STATUSES } from '../../shared/schemas/documents.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const documentVersionSchema = new Schema(
  {
    documentId: { type: Schema.Types.ObjectId, required: true },
    n: { type: Number, required: true },
    /** The file store key and bucket (`uploads`, or `isolated` for infected files). */
    fileKey: { type: String, required: true },
    bucket: { type: String, enum: ['uploads', 'isolated'], default: 'uploads' },
    /** The uploader's file name, made safe (metadata only: storage keys are the server's). */
    fileName: { type: String, required: true },
    size: { type: Number, default: 0 },
    sha256: { type: String, default: null },
    /** The type detected from the bytes, and its media type. */
    kind: { type: String, default: null },
    mediaType: { type: String, default: null },
    legacyOffice: { type: Boolean, default: false },
    status: { type: String, enum: FILE_STATUSES, required: true },
    /** Why the file was refused or held (a stable code), and the scanner's signature when infected. */
    reason: { type: String, default: null },
    signature: { type: String, default: null },
    /** Whether a scanner looked at the bytes (false when none is configured). */
    scanned: { type: Boolean, default: false },
    /** Which scanner (clamd's VERSION, naming its signatures) last looked at the bytes, and when. */
    scannerVersion: { type: String, default: null },
    scannedAt: { type: Date, default: null },
    /** A moderator's audited release of an unscannable file. */
    releasedById: { type: Schema.Types.ObjectId, default: null },
    /** When an infected file's bytes were purged from the isolated store (INFECTED_RETENTION_DAYS). */
    purgedAt: { type: Date, default: null },
    note: { type: String, default: null },
    /** The file store keys of its first pages drawn as small PNG images (PDF only; services/documents/makePreviews.ts). */
    previewKeys: { type: [String], default: [] },
    label: { type: String, enum: LABELS, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
documentVersionSchema.index({ documentId: 1, n: 1 }, { unique: true });
documentVersionSchema.index({ sha256: 1 });
documentVersionSchema.index({ status: 1, updatedAt: 1 });
documentVersionSchema.index({ status: 1, scannedAt: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
documentVersionSchema.plugin(auditOutboxPlugin);

/** A stored version. */
export type DocumentVersionDoc = InferSchemaType<typeof documentVersionSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The document versions collection. */
export const DocumentVersionModel = model('DocumentVersion', documentVersionSchema);
