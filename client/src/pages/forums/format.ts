/** Dates and author lines of forum items in the interface language. */
import type { TFunction } from 'i18next';

/** A date and time such as "22 Nov 2026, 14:05" in `language`. */
export function formatWhen(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * Who wrote an item: under the Chatham House Rule the server strips the author (null); a former
 * member keeps an author whose `name` is null, shown as "former member" in the reader's language.
 */
export function authorName(author: { name: string | null } | null, t: TFunction): string {
  if (!author) return t('forums.anonymousAuthor');
  return author.name ?? t('forums.formerMember');
}
