/** Interface languages the product ships with; Arabic is written right to left. */
export const UI_LANGUAGES = ['en', 'fr', 'ar', 'es'] as const;

/** One of {@link UI_LANGUAGES}. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Languages written right to left among {@link UI_LANGUAGES}. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar']);

/** Languages the search index stems (content languages); an item's `language` is one of these or null. */
export const CONTENT_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

/** One of {@link CONTENT_LANGUAGES}. */
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
