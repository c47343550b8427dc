/**
 * What a received file comes to, from its bytes and the scanner's verdict: `clean` (readable),
 * `refused` (a type we do not take, or a disguised one: the bytes are removed), `infected` (the bytes
 * move to the isolated store for the moderators) or `unscannable` (too large for the scanner: held
 * until a moderator's audited release). Verdicts are remembered by SHA-256.
 */
import type { FileStatus } from '../../../shared/schemas/documents.js';
import { inspectStoredFile, type Inspection, type KnownFacts } from '../../files/inspectFile.js';
import type { ScanVerdict } from '../../files/clamd.js';
import { ScanVerdictModel } from '../../models/ScanVerdict.js';

/** The facts a version records about its file. */
export interface FileOutcome {
  status: Exclude<FileStatus, 'receiving' | 'scanning'>;
  /** The refusal code, `unscannable`, or null. */
  reason: string | null;
  /** The English sentence of a refusal, for the problem document. */
  detail: string | null;
  kind: string | null;
  mediaType: string | null;
  legacyOffice: boolean;
  signature: string | null;
  scanned: boolean;
  /** The scanner's VERSION answer when it looked at the bytes (the periodic sweep compares it). */
  scannerVersion: string | null;
}

/** What the scanner said about some bytes, and which scanner (signature database) said it. */
export interface ScanResult {
  verdict: ScanVerdict;
  scannerVersion: string;
}

/** The outcome of the checks from the bytes, before the scanner's word. */
function fromInspection(inspection: Inspection): FileOutcome {
  if (!inspection.ok)
    return {
      status: 'refused',
      reason: inspection.code,
      detail: inspection.detail,
      kind: null,
      mediaType: null,
      legacyOffice: false,
      signature: null,
      scanned: false,
      scannerVersion: null,
    };
  return {
    status: 'clean',
    reason: null,
    detail: null,
    kind: inspection.kind,
    mediaType: inspection.mediaType,
    legacyOffice: inspection.legacyOffice,
    signature: null,
    scanned: false,
    scannerVersion: null,
  };
}

/** Checks the stored bytes and combines the scanner's verdict (null: no scanner configured). */
export async function checkFile(
  file: { key: string; size: number; extension: string; known?: KnownFacts },
  scan: ScanResult | null,
): Promise<FileOutcome> {
  const verdict = scan?.verdict ?? null;
  const scannerVersion = scan?.scannerVersion ?? null;
  // An infected file is held whatever its type: the moderators must see it.
  if (verdict?.status === 'infected')
    return {
      status: 'infected',
      reason: 'malware',
      detail: `The virus scanner found ${verdict.signature} in this file. It is held for the moderators.`,
      kind: null,
      mediaType: null,
      legacyOffice: false,
      signature: verdict.signature,
      scanned: true,
      scannerVersion,
    };
  const outcome = fromInspection(
    await inspectStoredFile('uploads', file.key, file.size, file.extension, undefined, file.known),
  );
  if (outcome.status !== 'clean' || !verdict) return outcome;
  if (verdict.status === 'unscannable')
    return { ...outcome, status: 'unscannable', reason: 'unscannable', scanned: false };
  return { ...outcome, scanned: true, scannerVersion };
}

/** Remembers a clean or infected verdict for these bytes under the scanner's version. */
export async function rememberVerdict(sha256: string, verdict: ScanVerdict, scannerVersion: string) {
  if (verdict.status === 'unscannable') return;
  await ScanVerdictModel.updateOne(
    { sha256 },
    {
      $set: {
        status: verdict.status,
        signature: verdict.status === 'infected' ? verdict.signature : null,
        scannerVersion,
        scannedAt: new Date(),
      },
    },
    { upsert: true },
  );
}

/** A remembered verdict for these bytes under this scanner version (scanned since `since`), if any. */
export async function rememberedVerdict(
  sha256: string,
  scannerVersion: string,
  since?: Date,
): Promise<ScanVerdict | null> {
  const known = await ScanVerdictModel.findOne({
    sha256,
    scannerVersion,
    ...(since ? { scannedAt: { $gte: since } } : {}),
  }).lean();
  if (!known) return null;
  return known.status === 'infected'
    ? { status: 'infected', signature: known.signature ?? 'unknown' }
    : { status: 'clean' };
}
