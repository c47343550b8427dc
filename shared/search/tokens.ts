/**
 * The search token normaliser: lower case, accents removed, split on anything that is not a letter or
 * digit, short and duplicate tokens dropped. Stored on each item and applied to queries alike.
 * (Stemming per language comes with the forum capability.)
 */

const MAX_TOKENS = 500;

/** The distinct normalised tokens of a text. */
export function searchTokens(...texts: string[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    const plain = text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    for (const token of plain.split(/[^\p{L}\p{N}]+/u)) {
      if (token.length >= 2 && token.length <= 40) tokens.add(token);
      if (tokens.size >= MAX_TOKENS) return [...tokens];
    }
  }
  return [...tokens];
}
