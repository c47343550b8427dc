/**
 * Stemming per content language. English, French and Spanish use the Snowball-family stemmers of
 * `@orama/stemmers` (English is Porter's algorithm; French and Spanish are the Snowball ones); French
 * adds one derivational step the Snowball stemmer lacks (-atoire, as in discriminatoire →
 * discrimin, like discrimination). Arabic gives two keys: a light stem (article and conjunction
 * prefixes removed, then the Snowball Arabic stemmer) and the ISRI root (see arabicRoot.ts).
 */
import { stemmer as arabicSnowball } from '@orama/stemmers/arabic';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as frenchStemmer } from '@orama/stemmers/french';
import { stemmer as spanishStemmer } from '@orama/stemmers/spanish';
import type { ContentLanguage } from '../languages.js';
import { arabicRoot } from './arabicRoot.js';
import { prepareArabic } from './normalize.js';

/** The Latin-script languages stemmed by Snowball. */
export type LatinLanguage = Exclude<ContentLanguage, 'ar'>;

/** The Latin-script content languages. */
export const LATIN_LANGUAGES: readonly LatinLanguage[] = ['en', 'fr', 'es'];

function french(word: string): string {
  const stem = frenchStemmer(word);
  // Snowball French keeps -atoir(e): discriminatoire, préparatoire, obligatoire ← obligation.
  return stem.length >= 9 && stem.endsWith('atoir') ? stem.slice(0, -5) : stem;
}

const LATIN: Record<LatinLanguage, (word: string) => string> = {
  en: englishStemmer,
  fr: french,
  es: spanishStemmer,
};

/** The stem of a lower-case Latin-script word (accents kept) in `language`. */
export function stemLatin(word: string, language: LatinLanguage): string {
  return LATIN[language](word);
}

/**
 * Prefixes stripped before the light stem, longest first: وال بال كال فال لل ال (conjunction or
 * preposition with the article, then the article alone), kept only when three letters remain.
 */
const ARABIC_PREFIXES = [
  '\u0648\u0627\u0644',
  '\u0628\u0627\u0644',
  '\u0643\u0627\u0644',
  '\u0641\u0627\u0644',
  '\u0644\u0644',
  '\u0627\u0644',
];

/** An Arabic word without its article (and a conjunction or preposition glued to it). */
export function stripArabicArticle(word: string): string {
  for (const prefix of ARABIC_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 3) return word.slice(prefix.length);
  }
  return word;
}

/**
 * The light stems and the root of an Arabic word (harakat and tatweel may still be there). The
 * Snowball stemmer strips the article itself but not every conjunction glued to it (والمكتبة), so
 * the article-stripped word is stemmed too.
 */
export function stemArabic(word: string): { light: string[]; root: string } {
  const prepared = prepareArabic(word);
  const light = new Set<string>();
  for (const form of new Set([prepared, stripArabicArticle(prepared)])) {
    const stem = form.length >= 3 ? arabicSnowball(form) : form;
    light.add(stem.length >= 2 ? stem : form);
  }
  return { light: [...light], root: arabicRoot(prepared) };
}
