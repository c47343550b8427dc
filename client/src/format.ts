/** Locale-aware formatting of what the API returns as codes: countries, hubs, dates, waits. */
import type { HubView } from './types.js';

const regionNames = new Map<string, Intl.DisplayNames>();

/** The country's name in `language` (`KE` -> "Kenya", "كينيا"); the code itself if unknown. */
export function countryName(code: string, language: string): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code; // a malformed code: show it as it came
  }
}

/** The hub's name in `language`, falling back to English. */
export function hubName(hub: Pick<HubView, 'name'>, language: string): string {
  const names: Record<string, string | undefined> = hub.name;
  return names[language] ?? hub.name.en;
}

/**
 * The browser's own variant of `language` when it has one (en-GB, fr-CA, ar-MA), so dates follow local
 * conventions within the interface language; otherwise the language itself.
 */
export function regionalLocale(language: string): string {
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** An ISO date-time as a long date in `language`: "21 November 2026". */
export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(regionalLocale(language), { dateStyle: 'long' }).format(date);
}

/** A wait of `seconds` as "in 5 minutes" / "dans 5 minutes" / "خلال ٥ دقائق". */
export function formatWait(seconds: number, language: string): string {
  const relative = new Intl.RelativeTimeFormat(regionalLocale(language), { numeric: 'always' });
  if (seconds < 90) return relative.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 90 * 60) return relative.format(Math.ceil(seconds / 60), 'minute');
  return relative.format(Math.ceil(seconds / 3600), 'hour');
}

/** Sorts codes by their display name in `language`. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string, language: string): T[] {
  const collator = new Intl.Collator(language);
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}

/**
 * Wraps text inserted into a translated sentence in Unicode isolates, so a version such as "2026-1" or
 * a Latin name inside Arabic keeps its own direction instead of being reordered ("1-2026").
 * `ltr` for codes and versions; `auto` (first strong character decides) for names.
 */
export function isolate(text: string, direction: 'ltr' | 'auto' = 'auto'): string {
  return `${direction === 'ltr' ? '\u2066' : '\u2068'}${text}\u2069`;
}
