/**
 * Makes an uploader's file name safe to keep and to offer back: NFC, no folder part, no control or
 * bidirectional characters (a `invoice\u202Efdp.exe` that shows as `invoiceexe.pdf`), no spaces or dots
 * at its ends, at most 180 characters with its extension kept, and never a Windows device name.
 */

/** A safe file name and its lower-case extension (without the dot, '' when none), or why there is none. */
export type SafeName =
  { ok: true; name: string; extension: string } | { ok: false; reason: 'empty_name' | 'reserved_name' };

/** The longest name kept, in characters (code points). */
export const MAX_NAME_CHARACTERS = 180;

/** An extension longer than this is not kept whole when a name is cut. */
const MAX_EXTENSION_CHARACTERS = 16;

/** C0 and C1 controls, DEL, and the bidirectional controls (embeddings, overrides, isolates, marks). */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Spaces and dots at either end. */
const LOOSE_ENDS = /^[\s.]+|[\s.]+$/gu;

/** Windows device names, refused with or without an extension. */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$/i;

/** The extension of a name: after its last dot, lower case; '' when there is none. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Cuts a name to {@link MAX_NAME_CHARACTERS} code points, keeping a short extension. */
function capped(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= MAX_NAME_CHARACTERS) return name;
  const extension = Array.from(name.slice(name.lastIndexOf('.') + 1));
  const keep = name.lastIndexOf('.') > 0 && extension.length <= MAX_EXTENSION_CHARACTERS;
  if (!keep) return characters.slice(0, MAX_NAME_CHARACTERS).join('').replace(LOOSE_ENDS, '');
  const base = characters
    .slice(0, MAX_NAME_CHARACTERS - extension.length - 1)
    .join('')
    .replace(LOOSE_ENDS, '');
  return `${base}.${extension.join('')}`;
}

/** The safe form of `raw`, an uploader's file name. */
export function safeFileName(raw: string): SafeName {
  const lastPart = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const name = capped(lastPart.replace(UNSAFE_CHARACTERS, '').normalize('NFC').replace(LOOSE_ENDS, ''));
  if (name === '' || name.startsWith('.')) return { ok: false, reason: 'empty_name' };
  const stem = (name.split('.')[0] ?? '').trim();
  if (RESERVED.test(stem)) return { ok: false, reason: 'reserved_name' };
  return { ok: true, name, extension: extensionOf(name) };
}
