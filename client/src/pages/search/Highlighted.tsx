/**
 * A snippet with its matches marked: the text is split into React text nodes and `<mark>` elements,
 * never inserted as HTML. The server's match ranges are used when given; otherwise the query's words
 * are found in the snippet with accents and case ignored.
 */
import type { ReactNode } from 'react';

/** Lower case without accents, keeping one output character per input code unit where possible. */
function foldChar(char: string): string {
  return char
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The [start, end) ranges of `text` where a word of `query` (or its start, for inflections) occurs. */
export function matchRanges(text: string, query: string): [number, number][] {
  const words = query
    .split(/[^\p{L}\p{N}]+/u)
    .map((word) => [...word].map(foldChar).join(''))
    .filter((word) => word.length >= 2);
  if (words.length === 0) return [];
  // Fold per character and remember where each folded character came from.
  const folded: string[] = [];
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    for (const unit of foldChar(char)) {
      folded.push(unit);
      origin.push(index);
    }
    index += char.length;
  }
  const haystack = folded.join('');
  const ranges: [number, number][] = [];
  for (const word of words) {
    // Inflected forms share a stem: match at least the first 4 letters of longer words.
    const needle = word.length > 5 ? word.slice(0, Math.max(4, word.length - 3)) : word;
    let from = 0;
    for (;;) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) break;
      let end = at + needle.length;
      while (end < haystack.length && /[\p{L}\p{N}]/u.test(haystack[end] as string)) end += 1;
      const start = origin[at] as number;
      const stop = end < origin.length ? (origin[end] as number) : text.length;
      ranges.push([start, stop]);
      from = end;
    }
  }
  return normalise(ranges, text.length);
}

function normalise(ranges: [number, number][], length: number): [number, number][] {
  const sorted = ranges
    .map(([a, b]) => [Math.max(0, Math.min(a, length)), Math.max(0, Math.min(b, length))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Renders `text` with `<mark>` around the matches. */
export function Highlighted({
  text,
  query,
  ranges,
}: {
  text: string;
  query: string;
  ranges?: [number, number][] | undefined;
}) {
  const marks = ranges && ranges.length > 0 ? normalise(ranges, text.length) : matchRanges(text, query);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
