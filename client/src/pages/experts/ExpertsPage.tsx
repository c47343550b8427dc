/**
 * /experts: the experts directory for the network's members. Filters (topic, language, region,
 * format, available only) are applied with a button; results are cards, 50 at a time with a "more"
 * button. The Management Unit sees a verification control on each card (the `verify` ability).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { hubName, sortByName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { ExpertCard } from './ExpertCard.js';
import { expertKeys, fetchExperts, type ExpertFilters, type ExpertView } from './expertsApi.js';
import { EXPERT_FORMATS, EXPERT_TOPICS, LANGUAGE_CODES, languageName } from './vocabulary.js';

/** The directory page. */
export function ExpertsPage() {
  const { t } = useTranslation();
  usePageTitle(t('experts.directory.heading'));
  const [filters, setFilters] = useState<ExpertFilters>({});
  return (
    <section className="experts-page">
      <h1>{t('experts.directory.heading')}</h1>
      <p>{t('experts.directory.intro')}</p>
      <FilterForm onApply={setFilters} />
      <Results key={JSON.stringify(filters)} filters={filters} />
    </section>
  );
}

function FilterForm({ onApply }: { onApply: (filters: ExpertFilters) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const [topic, setTopic] = useState('');
  const [spoken, setSpoken] = useState('');
  const [region, setRegion] = useState('');
  const [format, setFormat] = useState('');
  const [availableOnly, setAvailableOnly] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...(topic ? { topic } : {}),
      ...(spoken ? { language: spoken } : {}),
      ...(region ? { region } : {}),
      ...(format ? { format } : {}),
      ...(availableOnly ? { availability: 'available' } : {}),
    });
  };
  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; label: string }[],
  ) => (
    <div className="expert-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{t('experts.directory.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      className="expert-filters"
      onSubmit={submit}
      role="search"
      aria-label={t('experts.directory.filters')}
    >
      <fieldset>
        <legend>{t('experts.directory.filters')}</legend>
        {select(
          'expert-filter-topic',
          t('experts.directory.topic'),
          topic,
          setTopic,
          EXPERT_TOPICS.map((v) => ({ value: v, label: t(`experts.topics.${v}`) })),
        )}
        {select(
          'expert-filter-language',
          t('experts.directory.language'),
          spoken,
          setSpoken,
          sortByName(LANGUAGE_CODES, (c) => languageName(c, language), language).map((c) => ({
            value: c,
            label: languageName(c, language),
          })),
        )}
        {select(
          'expert-filter-region',
          t('experts.directory.region'),
          region,
          setRegion,
          hubs.state === 'ready'
            ? hubs.data.map((h) => ({ value: h.slug, label: hubName(h, language) }))
            : [],
        )}
        {select(
          'expert-filter-format',
          t('experts.directory.format'),
          format,
          setFormat,
          EXPERT_FORMATS.map((v) => ({ value: v, label: t(`experts.formats.${v}`) })),
        )}
        <div className="expert-choice expert-filter">
          <input
            type="checkbox"
            id="expert-filter-available"
            checked={availableOnly}
            onChange={(e) => setAvailableOnly(e.target.checked)}
          />
          <label htmlFor="expert-filter-available">{t('experts.directory.availableOnly')}</label>
        </div>
        <button type="submit" className="button">
          {t('experts.directory.apply')}
        </button>
      </fieldset>
    </form>
  );
}

function Results({ filters }: { filters: ExpertFilters }) {
  const { t } = useTranslation();
  const first = useApiQuery(expertKeys.list(filters), (signal) => fetchExperts(filters, null, signal));
  const [more, setMore] = useState<ExpertView[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [replaced, setReplaced] = useState<Record<string, ExpertView>>({});
  if (first.state === 'loading') return <StatusMessage>{t('experts.loading')}</StatusMessage>;
  if (first.state === 'error') return <LoadError error={first.error} onRetry={first.retry} />;
  const items = [...first.data.items, ...more].map((e) => replaced[e.person.id] ?? e);
  const next = cursor === undefined ? first.data.nextCursor : cursor;
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await fetchExperts(filters, next, new AbortController().signal);
      setMore((known) => [...known, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };
  const onVerified = (expert: ExpertView) => {
    setReplaced((known) => ({ ...known, [expert.person.id]: expert }));
    void queryClient.invalidateQueries({ queryKey: expertKeys.one(expert.person.id) });
  };
  return (
    <>
      <StatusMessage>{t('experts.directory.found', { count: items.length })}</StatusMessage>
      {items.length === 0 ? (
        <p>{t('experts.directory.none')}</p>
      ) : (
        <ul className="expert-list">
          {items.map((expert) => (
            <li key={expert.person.id}>
              <ExpertCard expert={expert} level={2} onVerified={onVerified} />
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button
          type="button"
          className="button button--secondary"
          disabled={loadingMore}
          onClick={() => void loadMore()}
        >
          {t('experts.directory.more')}
        </button>
      )}
    </>
  );
}
