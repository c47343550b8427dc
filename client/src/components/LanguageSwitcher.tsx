/** The interface language picker: a labelled select naming each language in itself. */
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES } from '../../../shared/languages.js';
import { chooseLanguage, isUiLanguage } from '../i18n.js';

/** Each language's own name, so people find theirs whatever the current language is. */
const ENDONYMS: Record<(typeof UI_LANGUAGES)[number], string> = {
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  es: 'Español',
};

/** Shows the languages and switches (and remembers) the one chosen. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const change = (event: ChangeEvent<HTMLSelectElement>) => {
    const language = event.target.value;
    if (isUiLanguage(language)) {
      chooseLanguage(language).catch((error: unknown) => console.error('Could not switch language', error));
    }
  };
  return (
    <div className="language-switcher">
      <label htmlFor="language">{t('layout.language')}</label>
      <select id="language" value={i18n.resolvedLanguage ?? 'en'} onChange={change}>
        {UI_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {ENDONYMS[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
