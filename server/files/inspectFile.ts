/**
 * Decides from a stored file's bytes alone whether we take it, and as what: an allow-list of document,
 * image and text kinds, each recognised by its signature and structure (never by the uploader's name or
 * media type), whose extension must agree. Refused: executables, HTML, SVG, archives, macro-enabled
 * Office files, archive bombs and deep nesting, oversized images, text that is not UTF-8. The file is
 * read by ranges (a ZIP's directory from its end), never whole into memory.
 */
import { storedSource, windowedSource, type ByteSource } from './byteSource.js';
import type { FileBucket } from './fileBuckets.js';
import { readImageHeader } from './imageSize.js';
import { inspectOle, OLE_MAGIC } from './oleInspection.js';
import {
  headLooksLikeText,
  looksLikeHtml,
  looksLikeSvg,
  svgHasScript,
  textProblem,
  type TextProblem,
} from './textInspection.js';
import { looksLikeZip } from './zipDirectory.js';
import { inspectZip } from './zipInspection.js';

/** The kinds of file we take. */
export type FileKind =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'pptx'
  | 'odt'
  | 'ods'
  | 'odp'
  | 'doc'
  | 'xls'
  | 'ppt'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'webp'
  | 'txt'
  | 'csv'
  | 'md';

/** Why a file is refused; stable, for the client to translate. */
export type RefusalCode =
  | 'type_not_allowed'
  | 'extension_mismatch'
  | 'executable'
  | 'html'
  | 'svg_script'
  | 'macro_enabled'
  | 'archive_bomb'
  | 'archive_too_deep'
  | 'image_too_large'
  | 'invalid_text'
  | 'empty_file';

/** The checks' answer: the kind and the media type to serve it with, or a refusal and its sentence. */
export type Inspection =
  | { ok: true; kind: FileKind; mediaType: string; legacyOffice: boolean }
  | { ok: false; code: RefusalCode; detail: string };

/** The limits of the checks. */
export interface InspectionLimits {
  /** Largest width × height of an image. */
  maxImagePixels: number;
  /** Largest uncompressed/compressed ratio of an archive entry (entries of 1 MiB and more). */
  maxArchiveRatio: number;
  /** Largest total of the uncompressed sizes, nested archives included. */
  maxArchiveBytes: number;
  /** Most entries in one archive. */
  maxArchiveEntries: number;
  /** Deepest nesting of archives, the document itself being level 1. */
  maxArchiveDepth: number;
}

/** 50 million pixels, ratio 100, 1 GiB unpacked, 10 000 entries, two levels. */
export const DEFAULT_INSPECTION_LIMITS: InspectionLimits = {
  maxImagePixels: 50_000_000,
  maxArchiveRatio: 100,
  maxArchiveBytes: 1024 * 1024 * 1024,
  maxArchiveEntries: 10_000,
  maxArchiveDepth: 2,
};

/** The media type each kind is served with. */
export const MEDIA_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The extensions each kind may carry. */
const EXTENSIONS: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  pptx: ['pptx'],
  odt: ['odt'],
  ods: ['ods'],
  odp: ['odp'],
  doc: ['doc'],
  xls: ['xls'],
  ppt: ['ppt'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  gif: ['gif'],
  webp: ['webp'],
  txt: ['txt'],
  csv: ['csv'],
  md: ['md', 'markdown'],
};

/** The text kind an extension asks for. */
const TEXT_KINDS: Record<string, FileKind> = { txt: 'txt', csv: 'csv', md: 'md', markdown: 'md' };

/** Whether a file named with `extension` is checked as text (valid UTF-8 without NUL). */
export function isTextExtension(extension: string): boolean {
  return Object.hasOwn(TEXT_KINDS, extension.toLowerCase().replace(/^\./, ''));
}

/** How much of the start every check may look at. */
const HEAD_BYTES = 64 * 1024;

/** The signatures of archives and compressed files we do not take. */
const OTHER_ARCHIVES: Buffer[] = [
  Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), // 7z
  Buffer.from('Rar!\x1a\x07', 'latin1'),
  Buffer.from([0x1f, 0x8b]), // gzip
  Buffer.from('BZh', 'latin1'),
  Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), // xz
  Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), // zstd
];

const MACHO = [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca];

const refuse = (code: RefusalCode, detail: string): Inspection => ({ ok: false, code, detail });

/** True when `head` starts like a program: PE/DOS (`MZ` with a binary header), ELF, Mach-O, a `#!` script. */
function isExecutable(head: Buffer): boolean {
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a && head.subarray(0, 64).includes(0))
    return true;
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return true;
  if (head.length >= 4 && MACHO.includes(head.readUInt32BE(0))) return true;
  return head.length >= 2 && head[0] === 0x23 && head[1] === 0x21;
}

/** The kind the bytes are, or a refusal, before the extension is compared. */
async function detect(
  source: ByteSource,
  head: Buffer,
  extension: string,
  limits: InspectionLimits,
  known: KnownFacts,
): Promise<Inspection> {
  if (isExecutable(head)) return refuse('executable', 'The file is a program, which cannot be shared here.');
  if (head.toString('latin1', 0, 5) === '%PDF-') return accepted('pdf');

  const image = await readImageHeader(source, head);
  if (image) {
    if (image.width === null || image.height === null || image.width === 0 || image.height === 0)
      return refuse(
        'type_not_allowed',
        `The ${image.kind.toUpperCase()} image is damaged: its size cannot be read.`,
      );
    if (image.width * image.height > limits.maxImagePixels)
      return refuse(
        'image_too_large',
        `The image is ${image.width} × ${image.height} pixels, more than the ${limits.maxImagePixels} allowed.`,
      );
    return accepted(image.kind);
  }

  if (head.subarray(0, 8).equals(OLE_MAGIC)) {
    const ole = await inspectOle(source);
    return ole.ok ? accepted(ole.kind, true) : ole;
  }
  if (looksLikeZip(head)) {
    const zip = await inspectZip(source, limits);
    return zip.ok ? accepted(zip.kind) : zip;
  }
  if (OTHER_ARCHIVES.some((magic) => head.subarray(0, magic.length).equals(magic)))
    return refuse(
      'type_not_allowed',
      'Archives and compressed files are not accepted; upload the documents themselves.',
    );

  if (looksLikeHtml(head))
    return refuse('html', 'The file is a web page (HTML), which cannot be shared here.');
  if (looksLikeSvg(head))
    return (await svgHasScript(source))
      ? refuse('svg_script', 'The file is an SVG image with scripts, which cannot be shared here.')
      : refuse('type_not_allowed', 'SVG images are not accepted; upload a PNG or a PDF instead.');

  // Own keys only: a name such as "x.constructor" must not find Object's members.
  const textKind = Object.hasOwn(TEXT_KINDS, extension) ? TEXT_KINDS[extension] : undefined;
  if (textKind) {
    const problem = known.textProblem !== undefined ? known.textProblem : await textProblem(source);
    if (problem === 'nul')
      return refuse('invalid_text', 'The file is named as text but holds binary data (a NUL byte).');
    if (problem === 'not_utf8')
      return refuse('invalid_text', 'The text is not valid UTF-8; save it as UTF-8 and upload it again.');
    return accepted(textKind);
  }
  if (headLooksLikeText(head) && Object.values(EXTENSIONS).some((list) => list.includes(extension)))
    return refuse('extension_mismatch', `The file is plain text, not the .${extension} file its name says.`);
  return refuse('type_not_allowed', 'This type of file is not accepted.');
}

function accepted(kind: FileKind, legacyOffice = false): Inspection {
  return { ok: true, kind, mediaType: MEDIA_TYPES[kind], legacyOffice };
}

/** What was already learnt of the bytes as they were received, so they need not be read again. */
export interface KnownFacts {
  /** The text check of every byte (receiveFile.ts), when the bytes went through one. */
  textProblem?: TextProblem | null;
}

/** Inspects the bytes of `source` (see {@link inspectStoredFile}). */
export async function inspectSource(
  source: ByteSource,
  extension: string,
  limits: InspectionLimits = DEFAULT_INSPECTION_LIMITS,
  known: KnownFacts = {},
): Promise<Inspection> {
  if (source.length === 0) return refuse('empty_file', 'The file is empty.');
  const ext = extension.toLowerCase().replace(/^\./, '');
  const windowed = windowedSource(source);
  const head = await windowed.read(0, HEAD_BYTES);
  const found = await detect(windowed, head, ext, limits, known);
  if (!found.ok || EXTENSIONS[found.kind].includes(ext)) return found;
  return refuse(
    'extension_mismatch',
    ext
      ? `The file is a ${found.kind.toUpperCase()} file, not the .${ext} file its name says; rename it.`
      : `The file is a ${found.kind.toUpperCase()} file but its name has no extension; rename it.`,
  );
}

/**
 * Inspects the stored file `key` (`length` bytes, named with `extension`, lower case without the dot)
 * and says what it is or why it is refused. Reads by ranges through the store.
 */
export function inspectStoredFile(
  bucket: FileBucket,
  key: string,
  length: number,
  extension: string,
  limits: InspectionLimits = DEFAULT_INSPECTION_LIMITS,
  known: KnownFacts = {},
): Promise<Inspection> {
  return inspectSource(storedSource(bucket, key, length), extension, limits, known);
}
