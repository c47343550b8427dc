/**
 * Search snippets: an excerpt of an item's own text around the first matching word, HTML-escaped,
 * with matching words wrapped in <mark>. Built only from the item being shown, so a snippet can
 * never carry text of another item.
 */
import type { ContentLanguage } from '../languages.js';
import { caseFold } from './normalize.js';
import { wordKeys, type WordKeys } from './tokens.js';

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Whether a word of an item in `language` matches one of the query terms. */
export function wordMatcher(terms: WordKeys[], language: ContentLanguage | null): (word: string) => boolean {
  const keys = new Set(terms.flatMap((t) => [...t.strong, ...t.weak]));
  return (word) => {
    const own = wordKeys(caseFold(word), language, []);
    return own !== null && [...own.strong, ...own.weak].some((k) => keys.has(k));
  };
}

/**
 * An excerpt of at most about `max` characters of `text`, starting a little before the first
 * matching word (or at the start), escaped, matches marked. Whitespace runs become one space.
 */
export function snippet(text: string, matches: (word: string) => boolean, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const words = [...flat.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const marked = words.filter((w) => matches(flat.slice(w.start, w.end)));
  const first = marked[0]?.start ?? 0;
  let start = Math.max(0, first - Math.floor(max / 4));
  if (start > 0) start = words.find((w) => w.start >= start)?.start ?? start;
  let end = Math.min(flat.length, start + max);
  if (end < flat.length) {
    const cut = words.filter((w) => w.end <= end).at(-1);
    if (cut && cut.end > start) end = cut.end;
  }
  let html = start > 0 ? '… ' : '';
  let at = start;
  for (const w of marked) {
    if (w.start < start || w.end > end) continue;
    html +=
      escapeHtml(flat.slice(at, w.start)) + '<mark>' + escapeHtml(flat.slice(w.start, w.end)) + '</mark>';
    at = w.end;
  }
  html += escapeHtml(flat.slice(at, end));
  return end < flat.length ? `${html} …` : html;
}
