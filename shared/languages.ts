/** Interface languages the product ships with; Arabic is written right to left. */
export const UI_LANGUAGES = ['en', 'fr', 'ar', 'es'] as const;

/** One of {@link UI_LANGUAGES}. */
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Languages written right to left among {@link UI_LANGUAGES}. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar']);
