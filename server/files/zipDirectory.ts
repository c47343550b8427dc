/**
 * A small ZIP reader for the checks, by ranges: the end-of-central-directory record is found in the
 * file's last 64 KiB, then the central directory is read (ZIP64 included), then only the entries a
 * check needs are read and inflated, always with a hard cap on the output (the directory's sizes are
 * the uploader's word, not a fact).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { MAX_READ, type ByteSource } from './byteSource.js';

const inflateRaw = promisify(zlib.inflateRaw);

/** One file in a ZIP, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated (others are not read). */
  method: number;
  /** Bit 0: encrypted. */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Why a ZIP could not be read: damaged, too many entries, or an entry over the read cap. */
export class ZipProblem extends Error {
  override name = 'ZipProblem';
  constructor(
    readonly problem: 'damaged' | 'too_many_entries' | 'too_large' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function damaged(what: string): ZipProblem {
  return new ZipProblem('damaged', `the archive is damaged: ${what}`);
}

function u64(buffer: Buffer, at: number): number {
  const value = buffer.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw damaged('a size is out of range');
  return Number(value);
}

/** Where the central directory is and how many entries it declares. */
async function locateDirectory(source: ByteSource): Promise<{ count: number; size: number; offset: number }> {
  const tailStart = Math.max(0, source.length - EOCD_SIZE - MAX_COMMENT);
  const tail = await source.read(tailStart, source.length);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i -= 1)
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  if (at < 0) throw damaged('no end of central directory');
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0)
    throw new ZipProblem('unsupported', 'multi-part archives are not read');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locatorAt = tailStart + at - 20;
    if (locatorAt < 0) throw damaged('no ZIP64 locator');
    const locator = await source.read(locatorAt, locatorAt + 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw damaged('no ZIP64 locator');
    const recordAt = u64(locator, 8);
    const record = await source.read(recordAt, recordAt + 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw damaged('no ZIP64 directory end');
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > source.length) throw damaged('the directory lies outside the file');
  return { count, size, offset };
}

/** Sizes and offset from a ZIP64 extra field, for the fields the directory set to 0xFFFFFFFF. */
function applyZip64(entry: ZipEntry, extra: Buffer): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const tag = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (tag === 0x0001) {
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + size || field + 8 > extra.length) throw damaged('a short ZIP64 field');
        const value = u64(extra, field);
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/**
 * The entries of the ZIP in `source`. Throws ZipProblem `too_many_entries` (before reading the
 * directory) when it declares more than `maxEntries`, `too_large` when the directory is over the read
 * cap, `damaged` when it does not hold together.
 */
export async function readZipDirectory(source: ByteSource, maxEntries: number): Promise<ZipEntry[]> {
  const { count, size, offset } = await locateDirectory(source);
  if (count > maxEntries)
    throw new ZipProblem('too_many_entries', `the archive has ${count} entries, over ${maxEntries}`);
  if (size > MAX_READ) throw new ZipProblem('too_large', 'the archive directory is too large');
  const directory = await source.read(offset, offset + size);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL)
      throw damaged('a directory entry is missing');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw damaged('a directory entry is cut short');
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      uncompressedSize: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    applyZip64(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    if (entry.localHeaderOffset + 30 + entry.compressedSize > source.length)
      throw damaged(`entry ${entry.name} lies outside the file`);
    entries.push(entry);
    at = end;
  }
  return entries;
}

/**
 * The content of `entry`, inflated to at most `maxBytes` (more is ZipProblem `too_large`, whatever the
 * directory said). Only stored and deflated, unencrypted entries are read.
 */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  if (entry.flags & 1) throw new ZipProblem('unsupported', `entry ${entry.name} is encrypted`);
  if (entry.method !== 0 && entry.method !== 8)
    throw new ZipProblem('unsupported', `entry ${entry.name} uses compression method ${entry.method}`);
  if (entry.compressedSize > Math.min(maxBytes, MAX_READ))
    throw new ZipProblem('too_large', `entry ${entry.name} is too large to check`);
  const header = await source.read(entry.localHeaderOffset, entry.localHeaderOffset + 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL)
    throw damaged(`entry ${entry.name} has no header`);
  const dataAt = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const data = await source.read(dataAt, dataAt + entry.compressedSize);
  if (data.length < entry.compressedSize) throw damaged(`entry ${entry.name} is cut short`);
  if (entry.method === 0) return data;
  try {
    return await inflateRaw(data, { maxOutputLength: maxBytes });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipProblem('too_large', `entry ${entry.name} inflates to more than ${maxBytes} bytes`);
    throw damaged(`entry ${entry.name} does not inflate`);
  }
}

/** True when `head` starts like a ZIP (a local file header, or the end record of an empty ZIP). */
export function looksLikeZip(head: Buffer): boolean {
  return head.length >= 4 && (head.readUInt32LE(0) === LOCAL || head.readUInt32LE(0) === EOCD);
}
