/**
 * Checks on text-like bytes: HTML (refused whatever the extension: a browser would run it), SVG (not
 * taken; one with scripts or event handlers says so), and plain text, which must be valid UTF-8 with
 * no NUL byte, streamed once through a fatal decoder.
 */
import type { ByteSource } from './byteSource.js';

/** How much of the file's start the markup checks look at. */
export const MARKUP_HEAD = 8 * 1024;

/** The start of `head` without a UTF-8 byte-order mark and leading white space, as lower-case text. */
function leadingText(head: Buffer): string {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  return head.toString('latin1', start, Math.min(head.length, MARKUP_HEAD)).trimStart().toLowerCase();
}

/** Leading comments are skipped the way a browser's sniffer would. */
const COMMENTS = /^(?:<!--[\s\S]*?-->\s*)*/;

/** True when the bytes start (after a BOM, white space and comments) like an HTML document. */
export function looksLikeHtml(head: Buffer): boolean {
  const text = leadingText(head).replace(COMMENTS, '');
  return /^<(!doctype\s+html|html|head|body|script)[\s>/]/.test(text);
}

/** True when the bytes are an SVG document: its prolog (XML declaration, comments, doctype), then `<svg`. */
export function looksLikeSvg(head: Buffer): boolean {
  return /^(?:\s+|<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype(?:[^>[]|\[[\s\S]*?\])*>)*<svg[\s>/]/.test(
    leadingText(head),
  );
}

/** Markup that runs code: a script element, an event handler attribute, a `javascript:` URL. */
const ACTIVE = /<script[\s>/]|\son[a-z]+\s*=|javascript\s*:/i;

/** True when the SVG in `source` holds scripts or event handlers anywhere. */
export async function svgHasScript(source: ByteSource): Promise<boolean> {
  const overlap = 64;
  let tail = '';
  for await (const part of source.stream()) {
    const text = tail + part.toString('latin1');
    if (ACTIVE.test(text)) return true;
    tail = text.slice(-overlap);
  }
  return false;
}

/** Why the bytes are not acceptable text, or null when they are valid UTF-8 without NUL. */
export async function textProblem(source: ByteSource): Promise<'nul' | 'not_utf8' | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const part of source.stream()) {
      if (part.includes(0)) return 'nul';
      decoder.decode(part, { stream: true });
    }
    decoder.decode();
  } catch {
    return 'not_utf8';
  }
  return null;
}

/** True when `head` (a file's first bytes) reads as UTF-8 text without NUL (a cut last character allowed). */
export function headLooksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
