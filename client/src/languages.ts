/**
 * The languages the Expert Pool's and the library's pages offer (ISO 639-1 codes), and each shown in
 * the reader's language (Intl.DisplayNames, one per reader language, kept).
 */

/** Languages offered in the expert profile's and the directory's pickers, by their code. */
export const LANGUAGE_CODES = [
  'ar',
  'bn',
  'de',
  'en',
  'es',
  'fa',
  'fr',
  'ha',
  'hi',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'nl',
  'pl',
  'ps',
  'pt',
  'ru',
  'so',
  'sq',
  'sr',
  'sv',
  'sw',
  'tr',
  'uk',
  'ur',
  'zh',
] as const;

const names = new Map<string, Intl.DisplayNames>();

/** The language's name in `reader` (`fr` -> "French", "français"); the code itself if unknown. */
export function languageName(code: string, reader: string): string {
  let shown = names.get(reader);
  if (!shown) {
    shown = new Intl.DisplayNames([reader], { type: 'language', fallback: 'code' });
    names.set(reader, shown);
  }
  try {
    return shown.of(code) ?? code;
  } catch {
    return code;
  }
}
