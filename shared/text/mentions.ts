/**
 * Mentions in Markdown text. The client inserts a mention as a Markdown link with the `mention:`
 * scheme and the person's id: `[@Amina Njoroge](mention:65f0c0ffee0000000000beef)`. The server renders
 * it as a link to the person and notifies them, but only if they may read the item it is in.
 */

/** The mention link pattern: `[label](mention:<24 hex id>)`. */
const MENTION = /\]\(mention:([0-9a-f]{24})\)/g;

/** How many distinct people one text may mention (more are ignored, not notified). */
export const MAX_MENTIONS = 20;

/** The distinct person ids mentioned in a Markdown text, in order of first mention. */
export function extractMentionIds(source: string): string[] {
  const ids = new Set<string>();
  for (const match of source.matchAll(MENTION)) {
    ids.add(match[1] as string);
    if (ids.size >= MAX_MENTIONS) break;
  }
  return [...ids];
}

/** The Markdown of a mention, for clients composing text. */
export function mentionMarkdown(personId: string, name: string): string {
  const label = name.replace(/[[\]\\]/g, '');
  return `[@${label}](mention:${personId})`;
}
