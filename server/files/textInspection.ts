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

/** Why bytes are not acceptable text: a NUL byte, or not UTF-8. */
export type TextProblem = 'nul' | 'not_utf8';

/**
 * The text check fed chunk by chunk, in order (as a file is received, so the stored bytes need not be
 * read back): the first problem found stays; {@link TextCheck.result} ends the input.
 */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private problem: TextProblem | null = null;

  /** Looks at the next bytes. */
  push(part: Uint8Array): void {
    if (this.problem) return;
    if (part.includes(0)) {
      this.problem = 'nul';
      return;
    }
    try {
      this.decoder.decode(part, { stream: true });
    } catch {
      this.problem = 'not_utf8';
    }
  }

  /** The first problem of all the bytes pushed, or null when they are valid UTF-8 without NUL. */
  result(): TextProblem | null {
    if (this.problem) return this.problem;
    try {
      this.decoder.decode();
    } catch {
      this.problem = 'not_utf8';
    }
    return this.problem;
  }

  /** Whether a problem is already known (later bytes cannot clear it). */
  get failed(): boolean {
    return this.problem !== null;
  }
}

/** Why the bytes are not acceptable text, or null when they are valid UTF-8 without NUL. */
export async function textProblem(source: ByteSource): Promise<TextProblem | null> {
  const check = new TextCheck();
  for await (const part of source.stream()) {
    check.push(part as Buffer);
    if (check.failed) break;
  }
  return check.result();
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
