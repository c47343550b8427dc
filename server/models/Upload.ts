/**
 * A resumable (tus 1.0) upload in progress: whose it is, the document version it will become, its
 * declared length and the file store key its bytes are appended to. The stored length is the offset.
 * Removed when the upload completes, is terminated, or expires unfinished.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const uploadSchema = new Schema(
  {
    ownerId: { type: Schema.Types.ObjectId, required: true },
    documentId: { type: Schema.Types.ObjectId, required: true },
    versionN: { type: Number, required: true },
    fileKey: { type: String, required: true },
    length: { type: Number, required: true },
    /** Whether the document was made for this upload (removed with it) or this is a new version. */
    newDocument: { type: Boolean, required: true },
    /** The safe file name and its extension; for a new version also its note and label. */
    fileName: { type: String, required: true },
    extension: { type: String, default: '' },
    note: { type: String, default: null },
    label: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
uploadSchema.index({ expiresAt: 1 });

/** A stored upload. */
export type UploadDoc = InferSchemaType<typeof uploadSchema> & { _id: Types.ObjectId };

/** The uploads collection. */
export const UploadModel = model('Upload', uploadSchema);
