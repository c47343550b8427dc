/**
 * /experts: the experts directory for the network's members. Filters (topic, language, region,
 * format, available only) are applied with a button; results are cards, 50 at a time with a "more"
 * button. The Management Unit sees a verification control on each card (the `verify` ability).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../components/FilterForm.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { LoadError } from '../../components/LoadError.js';
import { PagedList } from '../../components/PagedList.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { sortByName } from '../../format.js';
import { useHubOptions } from '../../hooks/useHubOptions.js';
import { useMorePages } from '../../hooks/useMorePages.js';
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
      <Filters onApply={setFilters} />
      <Results key={JSON.stringify(filters)} filters={filters} />
    </section>
  );
}

function Filters({ onApply }: { onApply: (filters: ExpertFilters) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubOptions = useHubOptions();
  const [topic, setTopic] = useState('');
  const [spoken, setSpoken] = useState('');
  const [region, setRegion] = useState('');
  const [format, setFormat] = useState('');
  const [availableOnly, setAvailableOnly] = useState(false);
  const apply = () =>
    onApply({
      ...(topic ? { topic } : {}),
      ...(spoken ? { language: spoken } : {}),
      ...(region ? { region } : {}),
      ...(format ? { format } : {}),
      ...(availableOnly ? { availability: 'available' } : {}),
    });
  /** What every select of the form shares. */
  const shared = { className: 'expert-filter', anyLabel: t('experts.directory.any') };
  return (
    <FilterForm
      className="expert-filters"
      legend={t('experts.directory.filters')}
      applyLabel={t('experts.directory.apply')}
      onApply={apply}
    >
      <FilterSelect
        {...shared}
        id="expert-filter-topic"
        label={t('experts.directory.topic')}
        value={topic}
        onChange={setTopic}
        options={EXPERT_TOPICS.map((v) => ({ value: v, label: t(`experts.topics.${v}`) }))}
      />
      <FilterSelect
        {...shared}
        id="expert-filter-language"
        label={t('experts.directory.language')}
        value={spoken}
        onChange={setSpoken}
        options={sortByName(LANGUAGE_CODES, (c) => languageName(c, language), language).map((c) => ({
          value: c,
          label: languageName(c, language),
        }))}
      />
      <FilterSelect
        {...shared}
        id="expert-filter-region"
        label={t('experts.directory.region')}
        value={region}
        onChange={setRegion}
        options={hubOptions ?? []}
      />
      <FilterSelect
        {...shared}
        id="expert-filter-format"
        label={t('experts.directory.format')}
        value={format}
        onChange={setFormat}
        options={EXPERT_FORMATS.map((v) => ({ value: v, label: t(`experts.formats.${v}`) }))}
      />
      <div className="expert-choice expert-filter">
        <input
          type="checkbox"
          id="expert-filter-available"
          checked={availableOnly}
          onChange={(e) => setAvailableOnly(e.target.checked)}
        />
        <label htmlFor="expert-filter-available">{t('experts.directory.availableOnly')}</label>
      </div>
    </FilterForm>
  );
}

function Results({ filters }: { filters: ExpertFilters }) {
  const { t } = useTranslation();
  const first = useApiQuery(expertKeys.list(filters), (signal) => fetchExperts(filters, null, signal));
  const { after, loadingMore, loadMore } = useMorePages((cursor) =>
    fetchExperts(filters, cursor, new AbortController().signal),
  );
  const [replaced, setReplaced] = useState<Record<string, ExpertView>>({});
  if (first.state === 'loading') return <StatusMessage>{t('experts.loading')}</StatusMessage>;
  if (first.state === 'error') return <LoadError error={first.error} onRetry={first.retry} />;
  const { items: loaded, next } = after(first.data);
  const items = loaded.map((e) => replaced[e.person.id] ?? e);
  const onVerified = (expert: ExpertView) => {
    setReplaced((known) => ({ ...known, [expert.person.id]: expert }));
    void queryClient.invalidateQueries({ queryKey: expertKeys.one(expert.person.id) });
  };
  return (
    <PagedList
      items={items}
      found={t('experts.directory.found', { count: items.length })}
      none={t('experts.directory.none')}
      className="expert-list"
      keyOf={(expert) => expert.person.id}
      render={(expert) => <ExpertCard expert={expert} level={2} onVerified={onVerified} />}
      hasMore={Boolean(next)}
      loadingMore={loadingMore}
      moreLabel={t('experts.directory.more')}
      onMore={() => void loadMore(next)}
    />
  );
}
