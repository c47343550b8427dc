/**
 * The member cities' identity providers, each a plain link to the server's SAML login (a full-page
 * navigation). With many providers, a filter box narrows the list by city or provider name.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusMessage } from '../../components/StatusMessage.js';
import { sortByName } from '../../format.js';
import type { SignInOptionsView } from '../../types.js';

type Provider = SignInOptionsView['providers'][number];

/** Above this many providers, the filter box is shown. */
const FILTER_FROM = 8;

/** Lower case without accents, so "sao" finds "São Paulo". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** The provider links; `returnTo` is where the server sends the browser back after signing in. */
export function ProviderList({ providers, returnTo }: { providers: Provider[]; returnTo: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const sorted = sortByName(providers, (p) => p.city.name, language);
  const wanted = fold(filter.trim());
  const shown = wanted
    ? sorted.filter((p) => fold(p.city.name).includes(wanted) || fold(p.name).includes(wanted))
    : sorted;

  if (providers.length === 0) return <p>{t('signIn.noProviders')}</p>;
  return (
    <>
      {providers.length > FILTER_FROM && (
        <div className="field">
          <label htmlFor={filterId}>{t('signIn.filterLabel')}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            autoComplete="off"
            onChange={(event) => setFilter(event.target.value)}
          />
          <StatusMessage>{wanted ? t('signIn.filterCount', { n: shown.length }) : ''}</StatusMessage>
        </div>
      )}
      <ul className="provider-list">
        {shown.map((provider) => (
          <li key={provider.slug}>
            <a
              className="provider-link"
              href={`/auth/saml/${encodeURIComponent(provider.slug)}/login?returnTo=${encodeURIComponent(returnTo)}`}
            >
              <span className="provider-link__city">{provider.city.name}</span>
              <span className="provider-link__idp">{provider.name}</span>
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
