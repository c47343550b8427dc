/**
 * An Arabic root extractor after the ISRI stemmer (Taghva, Elkhoury and Coombs, "Arabic stemming
 * without a root dictionary", ITCC 2005), as published and as NLTK implements it: strip the longest
 * known prefixes and suffixes, then match the remaining four- to seven-letter word against the
 * common derivational patterns (mif'al, maf'ula, ifti'al, istif'al, ...) to recover a three-letter
 * root, or a four-letter one when no pattern applies. No dictionary, so it is small and predictable;
 * it over-conflates sometimes (as every root stemmer does), which is why the index keeps a light
 * stem and the surface form beside the root.
 */

// Letters are written as escapes where they sit next to each other, so the direction of the text
// cannot confuse a reader of this file.
const ALEF = '\u0627';
const TA = '\u062a';
const MEEM = '\u0645';
const NOON = '\u0646';
const WAW = '\u0648';
const YA = '\u064a';
const TA_MARBUTA = '\u0629';
const YA_HAMZA = '\u0626';

/** Three-letter prefixes: كال بال ولل وال. */
const P3 = ['\u0643\u0627\u0644', '\u0628\u0627\u0644', '\u0648\u0644\u0644', '\u0648\u0627\u0644'];
/** Two-letter prefixes: ال لل. */
const P2 = ['\u0627\u0644', '\u0644\u0644'];
/** One-letter prefixes: ل ب ف س و ي ت ن ا. */
const P1 = ['\u0644', '\u0628', '\u0641', '\u0633', WAW, YA, TA, NOON, ALEF];
/** Three-letter suffixes: تمل همل تان تين كمل. */
const S3 = [
  '\u062a\u0645\u0644',
  '\u0647\u0645\u0644',
  '\u062a\u0627\u0646',
  '\u062a\u064a\u0646',
  '\u0643\u0645\u0644',
];
/** Two-letter suffixes: ون ات ان ين تن كم هن نا يا ها تم كن ني وا ما هم. */
const S2 = [
  '\u0648\u0646', '\u0627\u062a', '\u0627\u0646', '\u064a\u0646', '\u062a\u0646', '\u0643\u0645',
  '\u0647\u0646', '\u0646\u0627', '\u064a\u0627', '\u0647\u0627', '\u062a\u0645', '\u0643\u0646',
  '\u0646\u064a', '\u0648\u0627', '\u0645\u0627', '\u0647\u0645',
]; // prettier-ignore
/** One-letter suffixes: ة ه ي ك ت ا ن. */
const S1 = [TA_MARBUTA, '\u0647', YA, '\u0643', TA, ALEF, NOON];

const at = (w: string, i: number) => w.charAt(i);
const oneOf = (c: string, set: string) => set.includes(c);

function pre32(w: string): string {
  if (w.length >= 6) for (const p of P3) if (w.startsWith(p)) return w.slice(3);
  if (w.length >= 5) for (const p of P2) if (w.startsWith(p)) return w.slice(2);
  return w;
}

function suf32(w: string): string {
  if (w.length >= 6) for (const s of S3) if (w.endsWith(s)) return w.slice(0, -3);
  if (w.length >= 5) for (const s of S2) if (w.endsWith(s)) return w.slice(0, -2);
  return w;
}

function suf1(w: string): string {
  for (const s of S1) if (w.endsWith(s)) return w.slice(0, -1);
  return w;
}

function pre1(w: string): string {
  for (const p of P1) if (w.startsWith(p)) return w.slice(1);
  return w;
}

/** Four-letter words: mif'al, fa'al, fa'il/fa'ul, fa'la. */
function proW4(w: string): string {
  if (at(w, 0) === MEEM) return w.slice(1);
  if (at(w, 1) === ALEF) return w.slice(0, 1) + w.slice(2);
  if (oneOf(at(w, 2), ALEF + WAW + YA)) return w.slice(0, 2) + at(w, 3);
  if (oneOf(at(w, 3), TA_MARBUTA + '\u0647' + YA)) return w.slice(0, 3);
  const s = suf1(w);
  return s.length === 4 ? pre1(s) : s;
}

/** Five-letter words reduced to three letters by their pattern. */
function proW53(w: string): string {
  const [c0, c1, c2, c3, c4] = [0, 1, 2, 3, 4].map((i) => at(w, i)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (oneOf(c2, ALEF + TA) && c0 === ALEF) return c1 + w.slice(3); // ifta'al
  if (oneOf(c3, ALEF + YA + WAW) && c0 === MEEM) return w.slice(1, 3) + c4; // maf'ul
  if (oneOf(c0, ALEF + TA + MEEM) && c4 === TA_MARBUTA) return w.slice(1, 4); // maf'ala
  if (oneOf(c0, MEEM + YA + TA) && c2 === TA) return c1 + w.slice(3); // mufta'il
  if (oneOf(c0, MEEM + TA) && c2 === ALEF) return c1 + w.slice(3); // tafa'al
  if (oneOf(c2, ALEF + WAW) && c4 === TA_MARBUTA) return w.slice(0, 2) + c3; // fa'ala
  if (oneOf(c0, ALEF + MEEM) && c1 === NOON) return w.slice(2); // infa'al
  if (c3 === ALEF && c0 === ALEF) return w.slice(1, 3) + c4; // af'aal
  if (c4 === NOON && c3 === ALEF) return w.slice(0, 3); // fa'laan
  if (c3 === YA && c0 === TA) return w.slice(1, 3) + c4; // taf'il
  if (c3 === WAW && c1 === ALEF) return c0 + c2 + c4; // faa'ul
  if (c2 === ALEF && c1 === WAW) return c0 + w.slice(3); // fawa'il
  if (c3 === YA_HAMZA && c2 === ALEF) return w.slice(0, 2) + c4; // fa'a'il
  if (c4 === TA_MARBUTA && c1 === ALEF) return c0 + w.slice(2, 4); // faa'ila
  if (c4 === YA && c2 === ALEF) return w.slice(0, 2) + c3; // fa'aali
  const s = suf1(w);
  return s.length === 5 ? pre1(s) : s;
}

/** Five-letter words reduced to four letters. */
function proW54(w: string): string {
  if (oneOf(at(w, 0), ALEF + TA + MEEM)) return w.slice(1);
  if (at(w, 4) === TA_MARBUTA) return w.slice(0, 4);
  if (at(w, 2) === ALEF) return w.slice(0, 2) + w.slice(3);
  return w;
}

function endW5(w: string): string {
  if (w.length === 4) return proW4(w);
  if (w.length === 5) return proW54(w);
  return w;
}

/** Six-letter words: istif'al, mif'aala, ifti'aal, if'aw'al, tafaa'il. */
function proW6(w: string): string {
  if (w.startsWith(ALEF + '\u0633' + TA) || w.startsWith(MEEM + '\u0633' + TA)) return w.slice(3);
  if (at(w, 0) === MEEM && at(w, 3) === ALEF && at(w, 5) === TA_MARBUTA) return w.slice(1, 3) + at(w, 4);
  if (at(w, 0) === ALEF && at(w, 2) === TA && at(w, 4) === ALEF) return at(w, 1) + at(w, 3) + at(w, 5);
  if (at(w, 0) === ALEF && at(w, 3) === WAW && at(w, 2) === at(w, 4)) return at(w, 1) + w.slice(4);
  if (at(w, 0) === TA && at(w, 2) === ALEF && at(w, 4) === YA) return at(w, 1) + at(w, 3) + at(w, 5);
  const s = suf1(w);
  return s.length === 6 ? pre1(s) : s;
}

function proW64(w: string): string {
  if (at(w, 0) === ALEF && at(w, 4) === ALEF) return w.slice(1, 4) + at(w, 5);
  if (w.startsWith(MEEM + TA)) return w.slice(2);
  return w;
}

function endW6(w: string): string {
  if (w.length === 5) return endW5(proW53(w));
  if (w.length === 6) return proW64(w);
  return w;
}

/**
 * The root of an Arabic word prepared by `prepareArabic` (no harakat, alef forms unified, ة kept):
 * three letters for most derived words (المكتبات, مكتبة → كتب), else the stripped stem.
 */
export function arabicRoot(word: string): string {
  let w = suf32(pre32(word));
  if (w.length >= 4 && w.startsWith(WAW + WAW)) w = w.slice(1);
  if (w.length === 4) return proW4(w);
  if (w.length === 5) return endW5(proW53(w));
  if (w.length === 6) return endW6(proW6(w));
  if (w.length === 7) {
    w = suf1(w);
    if (w.length === 7) w = pre1(w);
    if (w.length === 6) return endW6(proW6(w));
  }
  return w;
}
