/**
 * The documents area's pure helpers, free of the browser and of tus-js-client so that tests run them
 * in Node: sizes, percentages and dates in the reader's locale, a title from a file name, tags, the tus
 * `Upload-Metadata` of a new document or a new version, the fingerprint that lets an interrupted upload
 * resume, and the progress milestones announced to screen readers.
 */
import type { FileStatus } from '../../../../shared/schemas/documents.js';

/** The units a size is said in, from bytes up (decimal: 1 kB = 1,000 bytes, as Intl names them). */
const UNITS = [
  ['byte', 1],
  ['kilobyte', 1e3],
  ['megabyte', 1e6],
  ['gigabyte', 1e9],
] as const;

/** A byte count in `locale`: "6 MB", "6 Mo", "٦ م.ب", "512 bytes"; at most one decimal above a kilobyte. */
export function formatBytes(bytes: number, locale: string): string {
  const value = Math.max(0, bytes);
  let chosen: (typeof UNITS)[number] = UNITS[0];
  for (const unit of UNITS) if (value >= unit[1]) chosen = unit;
  const [unit, size] = chosen;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(value / size);
}

/** The whole percentage of `sent` out of `total` (0 when nothing is known; never above 100). */
export function percentOf(sent: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.min(100, Math.max(0, Math.floor((sent / total) * 100)));
}

/** A whole percentage in `locale`: "42%", "42 %", "٤٢٪". */
export function formatPercent(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/**
 * The milestone (every `step` percent) reached at `percent`, or null when it is the one already
 * announced: screen readers hear "40%" once, not every byte.
 */
export function nextMilestone(percent: number, announced: number, step = 10): number | null {
  const reached = Math.floor(percent / step) * step;
  return reached > announced ? reached : null;
}

/** A date and time in `locale`: "3 May 2026, 14:05". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A document title from a file name: the name without its last extension ("Plan 2026.v2.pdf" -> "Plan 2026.v2"). */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  const title = dot > 0 ? base.slice(0, dot) : base;
  return title.trim().slice(0, 200);
}

/** The most tags a document takes, and the longest tag (shared/schemas/documents.ts). */
export const TAG_LIMITS = { count: 20, length: 40 } as const;

/** Tags typed as one line, separated by commas (Latin or Arabic): trimmed, empty ones dropped, no repeats. */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(/[,،]/)) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** What is wrong with a list of tags, if anything: too many, or one too long. */
export function tagsProblem(tags: string[]): 'tooMany' | 'tooLong' | null {
  if (tags.length > TAG_LIMITS.count) return 'tooMany';
  if (tags.some((tag) => [...tag].length > TAG_LIMITS.length)) return 'tooLong';
  return null;
}

/** The fields of a new document as the form holds them. */
export interface NewDocumentInput {
  space: string;
  fileName: string;
  title: string;
  label: string;
  description?: string;
  language?: string;
  tags?: string[];
}

/** The fields of a new version of a document. */
export interface NewVersionInput {
  document: string;
  fileName: string;
  note?: string;
  /** Absent or empty: the document keeps its label. */
  label?: string;
}

/** Metadata with the empty optional fields left out (the server treats absent and empty alike). */
function withoutEmpty(fields: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    const text = value?.trim();
    if (text) out[key] = text;
  }
  return out;
}

/** The tus `Upload-Metadata` of a new document: space, title, label, filename, and the optional fields. */
export function newDocumentMetadata(input: NewDocumentInput): Record<string, string> {
  return withoutEmpty({
    space: input.space,
    title: input.title,
    label: input.label,
    filename: input.fileName,
    description: input.description,
    language: input.language,
    tags: input.tags && input.tags.length > 0 ? input.tags.join(',') : undefined,
  });
}

/** The tus `Upload-Metadata` of a new version: document, filename, and the optional note and label. */
export function newVersionMetadata(input: NewVersionInput): Record<string, string> {
  return withoutEmpty({
    document: input.document,
    filename: input.fileName,
    note: input.note,
    label: input.label,
  });
}

/** Whether two metadata records are the same fields with the same values (a stored upload may resume). */
export function sameMetadata(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** The file facts a fingerprint is made of (those of a browser `File`). */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
  lastModified: number;
}

/**
 * The key an unfinished upload is stored under for resuming: the person, where it goes (a space or a
 * document) and the file, so one person's upload never resumes into another's or into another place.
 */
export function uploadFingerprint(person: string, target: string, file: FileFacts): string {
  return ['concordia', person, target, file.name, file.type, file.size, file.lastModified].join('/');
}

/** Whether a file's status is final (the server has finished checking it). */
export function isSettled(status: FileStatus): boolean {
  return status !== 'receiving' && status !== 'scanning';
}

/** The reasons a file is refused that the page translates (`documents.reasons.<code>`). */
export const FILE_REASONS = [
  'type_not_allowed',
  'extension_mismatch',
  'executable',
  'html',
  'svg_script',
  'macro_enabled',
  'archive_bomb',
  'archive_too_deep',
  'image_too_large',
  'invalid_text',
  'empty_file',
] as const;

/** The translation key of a file's refusal reason; unknown reasons get the general one. */
export function reasonKey(reason: string | null): string {
  return reason && (FILE_REASONS as readonly string[]).includes(reason)
    ? `documents.reasons.${reason}`
    : 'documents.reasons.other';
}
