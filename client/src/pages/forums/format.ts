/** Dates and author lines of forum items in the interface language. */
import type { TFunction } from 'i18next';

/** A date and time such as "22 Nov 2026, 14:05" in `language`. */
export function formatWhen(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** Who wrote an item; under the Chatham House Rule the server may strip the name. */
export function authorName(author: { name: string } | null, t: TFunction): string {
  return author ? author.name : t('forums.anonymousAuthor');
}
