/**
 * A search snippet with its matches marked. The server sends the snippet HTML-escaped with the matches
 * in `<mark>`; it is never inserted as HTML here: the text is split at `<mark>`/`</mark>`, the five
 * entities the server's escaper writes (and numeric ones) are decoded, and each piece becomes a React
 * text node or a `<mark>` element. Any other markup would be shown as the text it is.
 */
import type { ReactNode } from 'react';

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the entities of escaped text; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,5});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/** The pieces of a marked snippet: plain text, and text inside `<mark>`. */
export function markedPieces(html: string): { text: string; marked: boolean }[] {
  const pieces: { text: string; marked: boolean }[] = [];
  let marked = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) pieces.push({ text: decodeEntities(part), marked });
  }
  return pieces;
}

/** Renders the escaped, marked snippet `html` as text with `<mark>` elements. */
export function Highlighted({ html }: { html: string }) {
  const parts: ReactNode[] = markedPieces(html).map((piece, index) =>
    piece.marked ? <mark key={index}>{piece.text}</mark> : piece.text,
  );
  return <>{parts}</>;
}
