/**
 * What a ZIP-based upload is: an Office Open XML document (.docx, .xlsx, .pptx) or an OpenDocument
 * (.odt, .ods, .odp) without macros, or a refusal. Bombs are caught from the directory (too many
 * entries, too many bytes once inflated, an entry compressed too well) and again while inflating (a
 * hard output cap). Archives inside the document are opened too, down to the allowed depth.
 */
import type { ByteSource } from './byteSource.js';
import { bufferSource } from './byteSource.js';
import { looksLikeZip, readZipDirectory, readZipEntry, ZipProblem, type ZipEntry } from './zipDirectory.js';

/** The ZIP-based kinds we take. */
export type ZipKind = 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

/** The limits the ZIP checks apply (a subset of the inspection's limits). */
export interface ArchiveLimits {
  maxArchiveRatio: number;
  maxArchiveBytes: number;
  maxArchiveEntries: number;
  maxArchiveDepth: number;
}

/** A ZIP check's answer: a kind, or a refusal with its code and sentence. */
export type ZipVerdict =
  | { ok: true; kind: ZipKind }
  | {
      ok: false;
      code: 'type_not_allowed' | 'macro_enabled' | 'archive_bomb' | 'archive_too_deep';
      detail: string;
    };

/** An inner archive bigger than this is not opened (and refused as too deep). */
export const MAX_NESTED_ARCHIVE_BYTES = 16 * 1024 * 1024;

/** An entry is judged on its compression ratio only from this size on (small XML parts compress well). */
const RATIO_FLOOR = 1024 * 1024;

/** The most a part we read to decide (`[Content_Types].xml`, `mimetype`) may inflate to. */
const MAX_PART_BYTES = 4 * 1024 * 1024;

/** Entry names that may hold an archive (a document embedded in another). */
const ARCHIVE_NAME =
  /\.(zip|jar|epub|apk|docx|docm|dotx|dotm|xlsx|xlsm|xltx|xltm|xlsb|xlam|pptx|pptm|potx|potm|ppsx|ppsm|ppam|odt|ods|odp|odg|odf|odb|ott|ots|otp)$/i;

type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

const OOXML_MAIN: Record<string, OoxmlKind> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml': 'pptx',
};

const OOXML_FOLDER: Record<OoxmlKind, string> = { docx: 'word/', xlsx: 'xl/', pptx: 'ppt/' };

const ODF_MIMETYPE: Record<string, ZipKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** The library index files OpenDocument keeps under Basic/ even without a macro. */
const ODF_LIBRARY_INDEX = /(^|\/)(script|dialog)-l[bc]\.xml$/i;

type Refusal = Extract<ZipVerdict, { ok: false }>;

const refuse = (code: Refusal['code'], detail: string): Refusal => ({ ok: false, code, detail });

const BOMB = (why: string) =>
  refuse('archive_bomb', `The file expands to far more data than it holds (${why}), so it is refused.`);

/** What the archives checked so far have used of the limits. */
interface Budget {
  bytes: number;
}

/** Entries that hold macros: VBA projects anywhere, OpenDocument Basic or script libraries. */
function macroEntry(entries: ZipEntry[]): ZipEntry | undefined {
  return entries.find(
    (entry) =>
      /(^|\/)vbaProject\.bin$/i.test(entry.name) ||
      (/^(Basic|Scripts)\/./i.test(entry.name) &&
        !entry.name.endsWith('/') &&
        !ODF_LIBRARY_INDEX.test(entry.name)),
  );
}

/** A refusal when the directory describes a bomb, else null; adds its bytes to the budget. */
function bombIn(entries: ZipEntry[], limits: ArchiveLimits, budget: Budget): Refusal | null {
  for (const entry of entries) {
    budget.bytes += entry.uncompressedSize;
    if (budget.bytes > limits.maxArchiveBytes)
      return BOMB(`more than ${limits.maxArchiveBytes} bytes once unpacked`);
    if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize)
      return BOMB(`entry ${entry.name} claims more bytes than it stores`);
    if (
      entry.uncompressedSize >= RATIO_FLOOR &&
      entry.uncompressedSize > entry.compressedSize * limits.maxArchiveRatio
    )
      return BOMB(`entry ${entry.name} is compressed more than ${limits.maxArchiveRatio} times`);
  }
  return null;
}

/** Refuses an archive's refusal-worthy problem as the right code. */
function fromProblem(problem: ZipProblem): Refusal {
  if (problem.problem === 'too_many_entries') return BOMB('too many entries');
  if (problem.problem === 'too_large') return BOMB('a part inflates past the limit');
  if (problem.problem === 'unsupported')
    return refuse('type_not_allowed', 'The archive uses encryption or a format that cannot be checked.');
  return refuse('type_not_allowed', 'The file is a damaged archive and cannot be checked.');
}

/**
 * Checks the archives inside `entries` (depth: the level of the archive holding them, the document
 * itself being 1): each one is opened, its directory checked for bombs and macros, and so on down.
 */
async function nestedRefusal(
  source: ByteSource,
  entries: ZipEntry[],
  depth: number,
  limits: ArchiveLimits,
  budget: Budget,
): Promise<Refusal | null> {
  for (const entry of entries) {
    if (!ARCHIVE_NAME.test(entry.name) || entry.uncompressedSize < 4) continue;
    if (entry.uncompressedSize >= MAX_NESTED_ARCHIVE_BYTES)
      return refuse(
        'archive_too_deep',
        `The file holds an archive (${entry.name}) too large to check inside it.`,
      );
    const inner = await readZipEntry(source, entry, MAX_NESTED_ARCHIVE_BYTES);
    if (!looksLikeZip(inner)) continue;
    if (depth + 1 > limits.maxArchiveDepth)
      return refuse(
        'archive_too_deep',
        `The file holds archives nested more than ${limits.maxArchiveDepth} levels deep, which cannot be checked.`,
      );
    const innerSource = bufferSource(inner);
    const innerEntries = await readZipDirectory(innerSource, limits.maxArchiveEntries);
    const refusal =
      bombIn(innerEntries, limits, budget) ??
      (macroEntry(innerEntries)
        ? refuse('macro_enabled', `The file holds a document with macros (${entry.name}), which is refused.`)
        : null) ??
      (await nestedRefusal(innerSource, innerEntries, depth + 1, limits, budget));
    if (refusal) return refusal;
  }
  return null;
}

/** The kind of an Office Open XML package, from its `[Content_Types].xml`. */
async function ooxmlKind(source: ByteSource, entries: ZipEntry[], types: ZipEntry): Promise<ZipVerdict> {
  const xml = (await readZipEntry(source, types, MAX_PART_BYTES)).toString('utf8');
  if (/macroEnabled|vnd\.ms-office\.vbaProject/i.test(xml))
    return refuse(
      'macro_enabled',
      'The document contains macros, which are refused; save it without macros.',
    );
  const kinds = new Set<OoxmlKind>();
  for (const match of xml.matchAll(/ContentType\s*=\s*"([^"]+)"/g)) {
    const kind = OOXML_MAIN[(match[1] ?? '').trim()];
    if (kind) kinds.add(kind);
  }
  const [kind] = kinds;
  if (kinds.size !== 1 || !kind)
    return refuse('type_not_allowed', 'The file is an Office package of a type that is not accepted.');
  const folder = OOXML_FOLDER[kind];
  if (!entries.some((entry) => entry.name.startsWith(folder)))
    return refuse('type_not_allowed', 'The file is an Office package without its document part.');
  return { ok: true, kind };
}

/** The kind of an OpenDocument file, from its first entry `mimetype`. */
async function odfKind(source: ByteSource, mimetype: ZipEntry): Promise<ZipVerdict> {
  const declared = (await readZipEntry(source, mimetype, 256)).toString('utf8').trim();
  const kind = ODF_MIMETYPE[declared];
  if (!kind) return refuse('type_not_allowed', 'The file is an OpenDocument of a type that is not accepted.');
  return { ok: true, kind };
}

/** Checks a ZIP-based file and says which accepted document it is, or why it is refused. */
export async function inspectZip(source: ByteSource, limits: ArchiveLimits): Promise<ZipVerdict> {
  try {
    const entries = await readZipDirectory(source, limits.maxArchiveEntries);
    const budget: Budget = { bytes: 0 };
    const bomb = bombIn(entries, limits, budget);
    if (bomb) return bomb;
    if (macroEntry(entries))
      return refuse(
        'macro_enabled',
        'The document contains macros, which are refused; save it without macros.',
      );
    const nested = await nestedRefusal(source, entries, 1, limits, budget);
    if (nested) return nested;
    const types = entries.find((entry) => entry.name === '[Content_Types].xml');
    if (types) return await ooxmlKind(source, entries, types);
    if (entries[0]?.name === 'mimetype') return await odfKind(source, entries[0]);
    return refuse('type_not_allowed', 'ZIP archives are not accepted; upload the documents themselves.');
  } catch (error) {
    if (error instanceof ZipProblem) return fromProblem(error);
    throw error;
  }
}
