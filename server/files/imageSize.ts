/**
 * Recognises PNG, JPEG, GIF and WebP images by their signature and reads their size from the header
 * (PNG's IHDR, GIF's screen descriptor, WebP's VP8/VP8L/VP8X chunk, JPEG's first SOF segment, found by
 * hopping over the segments before it), without decoding a pixel.
 */
import type { ByteSource } from './byteSource.js';

/** The image kinds we take. */
export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp';

/** An image's kind and size; `width`/`height` are null when the header could not be read. */
export interface ImageHeader {
  kind: ImageKind;
  width: number | null;
  height: number | null;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The most JPEG segments hopped over before its frame header. */
const MAX_JPEG_SEGMENTS = 1000;

/** The image kind `head` starts with, or null. */
export function imageKindOf(head: Buffer): ImageKind | null {
  if (head.subarray(0, 8).equals(PNG)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  const ascii = head.toString('latin1', 0, 12);
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  return null;
}

function pngSize(head: Buffer): [number, number] | null {
  if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
  return [head.readUInt32BE(16), head.readUInt32BE(20)];
}

function gifSize(head: Buffer): [number, number] | null {
  return head.length >= 10 ? [head.readUInt16LE(6), head.readUInt16LE(8)] : null;
}

function webpSize(head: Buffer): [number, number] | null {
  if (head.length < 30) return null;
  const chunk = head.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return null;
    return [head.readUInt16LE(26) & 0x3fff, head.readUInt16LE(28) & 0x3fff];
  }
  if (chunk === 'VP8L') {
    if (head[20] !== 0x2f) return null;
    const bits = head.readUInt32LE(21);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (chunk === 'VP8X') return [head.readUIntLE(24, 3) + 1, head.readUIntLE(27, 3) + 1];
  return null;
}

/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
function isFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

async function jpegSize(source: ByteSource): Promise<[number, number] | null> {
  let at = 2;
  for (let hops = 0; hops < MAX_JPEG_SEGMENTS; hops += 1) {
    const bytes = await source.read(at, at + 9);
    if (bytes.length < 4 || bytes[0] !== 0xff) return null;
    const marker = bytes[1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan before a frame
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (isFrameMarker(marker))
      return bytes.length >= 9 ? [bytes.readUInt16BE(7), bytes.readUInt16BE(5)] : null;
    const length = bytes.readUInt16BE(2);
    if (length < 2) return null;
    at += 2 + length;
  }
  return null;
}

/** The kind and size of the image in `source`, whose first bytes are `head`; null if it is no image. */
export async function readImageHeader(source: ByteSource, head: Buffer): Promise<ImageHeader | null> {
  const kind = imageKindOf(head);
  if (!kind) return null;
  const size =
    kind === 'png'
      ? pngSize(head)
      : kind === 'gif'
        ? gifSize(head)
        : kind === 'webp'
          ? webpSize(head)
          : await jpegSize(source);
  return { kind, width: size?.[0] ?? null, height: size?.[1] ?? null };
}
