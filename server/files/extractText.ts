/**
 * The words of a stored file, for the search index: the start of a text, CSV or Markdown file, and the
 * text parts of an Office (OOXML) or OpenDocument package (paragraphs, slides, shared cell strings),
 * read entry by entry with the same bounded inflation as the checks. At most
 * {@link MAX_EXTRACTED_CHARS} characters; a PDF's text through Poppler's `pdftotext` (pdfTools.ts), when
 * installed. Legacy Office and images give nothing. Only ever called on a file the checks accepted.
 */
import type { FileBucket } from './fileBuckets.js';
import { readStoredRange } from './fileReader.js';
import { pdfText } from './pdfTools.js';
import { storedSource } from './byteSource.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zipDirectory.js';

/** The most text one file gives the index. */
export const MAX_EXTRACTED_CHARS = 100_000;

/** The most one package part may inflate to before it is skipped. */
const MAX_PART_BYTES = 8 * 1024 * 1024;

/** Package entries read at most (the checks refuse packages with more). */
const MAX_ENTRIES = 10_000;

const TEXT_KINDS = new Set(['txt', 'csv', 'md']);

/** The parts of each package kind that hold its words. */
const TEXT_PARTS: Record<string, RegExp> = {
  docx: /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/,
  pptx: /^ppt\/(slides\/slide|notesSlides\/notesSlide)\d+\.xml$/,
  xlsx: /^xl\/sharedStrings\.xml$/,
  odt: /^content\.xml$/,
  ods: /^content\.xml$/,
  odp: /^content\.xml$/,
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML character references; invalid code points become a space. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? ' ';
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  });
}

/** The words of an XML part: paragraph and cell ends become line breaks, tags spaces. */
export function xmlText(xml: string): string {
  const text = xml.replace(/<\/(w:p|a:p|text:p|text:h|si|table:table-cell)>/g, '\n').replace(/<[^>]*>/g, ' ');
  return decodeEntities(text)
    .replace(/[ \t\r]+/g, ' ')
    .replace(/ *\n[ \n]*/g, '\n')
    .trim();
}

/** Entry order with numbers read as numbers, so that slide10 follows slide9. */
function partOrder(a: ZipEntry, b: ZipEntry): number {
  const split = (e: ZipEntry) => {
    const match = /^(.*?)(\d*)\.xml$/.exec(e.name);
    return [match?.[1] ?? e.name, Number(match?.[2] || 0)] as const;
  };
  const [pa, na] = split(a);
  const [pb, nb] = split(b);
  return pa === pb ? na - nb : pa < pb ? -1 : 1;
}

/** The text of a package's word-bearing parts. */
async function packageText(bucket: FileBucket, key: string, size: number, parts: RegExp): Promise<string> {
  const source = storedSource(bucket, key, size);
  const entries = (await readZipDirectory(source, MAX_ENTRIES))
    .filter((e) => parts.test(e.name))
    .sort(partOrder);
  let text = '';
  for (const entry of entries) {
    try {
      text += `${xmlText((await readZipEntry(source, entry, MAX_PART_BYTES)).toString('utf8'))}\n`;
    } catch {
      continue; // a part too large or damaged gives no words; the others still do
    }
    if (text.length >= MAX_EXTRACTED_CHARS) break;
  }
  return text.slice(0, MAX_EXTRACTED_CHARS).trim();
}

/** The words of a stored file of `kind` (see the file comment); '' when it has none we can read. */
export async function extractText(
  bucket: FileBucket,
  key: string,
  size: number,
  kind: string,
): Promise<string> {
  if (size === 0) return '';
  if (TEXT_KINDS.has(kind)) {
    // Up to 4 bytes per character: enough bytes for the cap; a character cut at the end is dropped.
    const bytes = await readStoredRange(bucket, key, 0, Math.min(size, MAX_EXTRACTED_CHARS * 4) - 1);
    return new TextDecoder('utf-8')
      .decode(bytes)
      .replace(/\uFFFD$/, '')
      .slice(0, MAX_EXTRACTED_CHARS);
  }
  if (kind === 'pdf') return pdfText(bucket, key);
  const parts = TEXT_PARTS[kind];
  return parts ? packageText(bucket, key, size, parts) : '';
}
