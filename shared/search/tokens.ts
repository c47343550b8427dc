/**
 * The language-aware search token index, stored on each item (`tokens`, indexed) and derived from
 * queries alike: accent- and case-folded surface forms plus stems in the item's language (Arabic:
 * light stem and root). Items of unknown language are stemmed in every language, so they are found
 * whichever language the searcher types in.
 */
import type { ContentLanguage } from '../languages.js';
import { detectLanguage } from './detectLanguage.js';
import { caseFold, foldWord, isArabicWord, splitWords } from './normalize.js';
import { isStopWord, stopWordLanguages } from './stopWords.js';
import {
  LATIN_LANGUAGES,
  stemArabic,
  stemLatin,
  stripArabicArticle,
  type LatinLanguage,
} from './stemmers.js';

/** At most this many distinct tokens are stored per item (title first, then the body in order). */
export const MAX_ITEM_TOKENS = 1500;
/** Words shorter or longer than this (after folding) are not indexed. */
const MIN_WORD = 2;
const MAX_WORD = 40;

/** The search keys of one word: `strong` (surface forms, stems) and `weak` (Arabic roots). */
export interface WordKeys {
  /** The folded surface form, as typed. */
  word: string;
  strong: string[];
  weak: string[];
}

function latinLanguages(language: ContentLanguage | null): readonly LatinLanguage[] {
  return language && language !== 'ar' ? [language] : LATIN_LANGUAGES;
}

/** The search keys of one case-folded word, or null when it is not searchable (stop word, size). */
export function wordKeys(
  raw: string,
  language: ContentLanguage | null,
  stopIn: ContentLanguage[],
): WordKeys | null {
  const word = foldWord(raw);
  if (word.length < MIN_WORD || word.length > MAX_WORD) return null;
  if (stopIn.some((lang) => isStopWord(word, lang))) return null;
  const strong = new Set<string>([word]);
  const weak = new Set<string>();
  if (isArabicWord(word)) {
    const { light, root } = stemArabic(raw);
    strong.add(foldWord(stripArabicArticle(word)));
    for (const stem of light) strong.add(foldWord(stem));
    const folded = foldWord(root);
    if (folded.length >= MIN_WORD && !strong.has(folded)) weak.add(folded);
  } else if (!/^\p{N}+$/u.test(word)) {
    for (const lang of latinLanguages(language)) {
      strong.add(foldWord(stemLatin(raw, lang)));
      if (word !== raw) strong.add(foldWord(stemLatin(word, lang)));
    }
  }
  const keep = (s: string) => s.length >= MIN_WORD;
  return { word, strong: [...strong].filter(keep), weak: [...weak].filter(keep) };
}

/** The stop-word languages applied to an item's text. */
function stopLanguages(language: ContentLanguage | null, arabic: boolean): ContentLanguage[] {
  if (arabic) return ['ar'];
  return language && language !== 'ar' ? [language] : [...LATIN_LANGUAGES];
}

/**
 * The tokens stored on an item written in `language` (null: unknown, stem in every language;
 * undefined: detect it), and the language to store: the given one, else the detected one (which
 * may be null).
 */
export function indexTokens(
  texts: string[],
  language?: ContentLanguage | null,
): { language: ContentLanguage | null; tokens: string[] } {
  const lang = language === undefined ? detectLanguage(...texts) : language;
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const raw of splitWords(caseFold(text))) {
      const keys = wordKeys(raw, lang, stopLanguages(lang, isArabicWord(raw)));
      if (!keys) continue;
      for (const key of [...keys.strong, ...keys.weak]) {
        tokens.add(key);
        if (tokens.size >= MAX_ITEM_TOKENS) return { language: lang, tokens: [...tokens] };
      }
    }
  }
  return { language: lang, tokens: [...tokens] };
}

/** The distinct search tokens of texts in an unknown language (detected); kept for existing callers. */
export function searchTokens(...texts: string[]): string[] {
  return indexTokens(texts).tokens;
}

/**
 * The terms of a query, one per distinct searchable word, each with the keys to look up. With a
 * `language`, Latin words are stemmed in it only; without, in every language. Stop words are
 * dropped unless nothing else remains (a query of only "the" still searches for "the").
 */
export function queryTerms(query: string, language?: ContentLanguage | null): WordKeys[] {
  const words = splitWords(caseFold(query));
  const lang = language ?? null;
  const build = (withStops: boolean) => {
    const terms = new Map<string, WordKeys>();
    for (const raw of words) {
      const folded = foldWord(raw);
      const stopIn = !withStops
        ? []
        : lang
          ? [lang]
          : isArabicWord(folded)
            ? ['ar' as const]
            : stopWordLanguages(folded);
      const keys = wordKeys(raw, lang, stopIn);
      if (keys && !terms.has(keys.word)) terms.set(keys.word, keys);
    }
    return [...terms.values()];
  };
  const terms = build(true);
  return terms.length > 0 ? terms : build(false);
}
