/** The search box in the page header: sends the words to /search (the search page loads lazily). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../router.js';

/** A labelled search field and button. */
export function HeaderSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!q.trim()) return;
    navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form role="search" className="header-search" onSubmit={submit} aria-label={t('search.header.label')}>
      <label htmlFor="header-search-q" className="visually-hidden">
        {t('search.header.field')}
      </label>
      <input
        id="header-search-q"
        type="search"
        dir="auto"
        maxLength={200}
        value={q}
        placeholder={t('search.header.placeholder')}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="button button--small">
        {t('search.header.submit')}
      </button>
    </form>
  );
}
