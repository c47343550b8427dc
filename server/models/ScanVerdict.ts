/**
 * The scanner's verdict on some bytes, by SHA-256: a file seen before is not scanned again until the
 * signature database changes (`scannerVersion`), when the periodic sweep scans it again.
 */
import { Schema, model, type InferSchemaType } from 'mongoose';

const scanVerdictSchema = new Schema(
  {
    sha256: { type: String, required: true },
    status: { type: String, enum: ['clean', 'infected'], required: true },
    signature: { type: String, default: null },
    /** clamd's VERSION answer, which names the signature database. */
    scannerVersion: { type: String, required: true },
    scannedAt: { type: Date, required: true },
  },
  { strict: 'throw' },
);
scanVerdictSchema.index({ sha256: 1 }, { unique: true });

/** A stored verdict. */
export type ScanVerdictDoc = InferSchemaType<typeof scanVerdictSchema>;

/** The scan verdicts collection. */
export const ScanVerdictModel = model('ScanVerdict', scanVerdictSchema);
