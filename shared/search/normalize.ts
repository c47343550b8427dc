/**
 * Text normalisation for the search index, applied alike to stored items and to queries:
 * NFKD with combining marks removed (accent folding), case folding, invisible format characters
 * removed, and for Arabic script: harakat and tatweel removed, alef forms unified, alef maqsura to
 * ya, ta marbuta to ha. Pure and dependency-free.
 */

/** Arabic harakat, tanwin, shadda, sukun, superscript alef and Quranic marks. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]/g;
const TATWEEL = /\u0640/g;
/** Format characters (zero-width joiners, bidi marks and overrides, soft hyphen): never part of a word. */
const FORMAT_CHARS = /\p{Cf}/gu;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]/;

/** Whether a word is written in Arabic script. */
export function isArabicWord(word: string): boolean {
  return ARABIC_LETTER.test(word);
}

/**
 * The first, lossless-enough Arabic step, before stemming: harakat and tatweel removed, the alef
 * forms أ إ آ ٱ unified to ا. Ta marbuta and alef maqsura are kept here because the stemmers read
 * them (ة marks a feminine pattern); {@link foldArabic} unifies them afterwards.
 */
export function prepareArabic(word: string): string {
  return word
    .replace(ARABIC_MARKS, '')
    .replace(TATWEEL, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627');
}

/** The full Arabic folding of a (prepared or stemmed) word: also ى → ي, ة → ه, ؤ → و, ئ → ي. */
export function foldArabic(word: string): string {
  return prepareArabic(word)
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u0624/g, '\u0648')
    .replace(/\u0626/g, '\u064a');
}

/**
 * Lower-cases a text and removes format characters, keeping accents (the French and Spanish
 * stemmers read them). Arabic presentation forms are decomposed by NFKC here.
 */
export function caseFold(text: string): string {
  return text.normalize('NFKC').replace(FORMAT_CHARS, '').toLowerCase();
}

/** Removes accents and other combining marks (NFKD, marks dropped) and folds Arabic letters. */
export function foldWord(word: string): string {
  const plain = word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .normalize('NFC');
  return isArabicWord(plain) ? foldArabic(plain) : plain;
}

/**
 * Splits a case-folded text into words: runs of letters, digits and combining marks. Apostrophes
 * split (l'école → l, école), so French elisions fall away as one-letter words.
 */
export function splitWords(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu) ?? [];
}
