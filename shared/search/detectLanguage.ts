/**
 * Cheap content-language detection for the search index: Arabic script decides Arabic; otherwise
 * stop-word counts decide between English, French and Spanish. Unclear texts get null, and the
 * index then stems them in every language.
 */
import type { ContentLanguage } from '../languages.js';
import { caseFold, foldWord, isArabicWord, splitWords } from './normalize.js';
import { isStopWord } from './stopWords.js';
import { LATIN_LANGUAGES } from './stemmers.js';

/** The words read for detection: enough for a verdict, cheap on long texts. */
const SAMPLE_WORDS = 400;

/** The language of a text, or null when the evidence is too thin to say. */
export function detectLanguage(...texts: string[]): ContentLanguage | null {
  const words = texts.flatMap((t) => splitWords(caseFold(t))).slice(0, SAMPLE_WORDS);
  if (words.length === 0) return null;
  const arabic = words.filter(isArabicWord).length;
  if (arabic > 0 && arabic * 2 >= words.length) return 'ar';
  const folded = words.map(foldWord); // once, not once per language (this runs on every send)
  const counts = LATIN_LANGUAGES.map((lang) => ({
    lang,
    n: folded.reduce((sum, w) => sum + (isStopWord(w, lang) ? 1 : 0), 0),
  })).sort((a, b) => b.n - a.n);
  const [best, second] = counts;
  if (!best || best.n === 0 || best.n === second?.n) return null;
  // One stop word decides a short text only when it is the sole evidence; longer texts need two.
  const needed = words.length <= 4 ? 1 : 2;
  return best.n >= needed ? best.lang : null;
}
