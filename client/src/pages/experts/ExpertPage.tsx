/** /experts/:person: one expert of the directory, with the Management Unit's verification control. */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { ExpertCard } from './ExpertCard.js';
import { expertKeys, fetchExpert } from './expertsApi.js';

/** The page of one expert. */
export function ExpertPage({ person }: { person: string }) {
  const { t } = useTranslation();
  const expert = useApiQuery(expertKeys.one(person), (signal) => fetchExpert(person, signal));
  usePageTitle(expert.state === 'ready' ? expert.data.person.name : t('experts.directory.heading'));
  return (
    <section className="experts-page">
      <p>
        <Link to="/experts">{t('experts.directory.back')}</Link>
      </p>
      {expert.state === 'loading' && <StatusMessage>{t('experts.loading')}</StatusMessage>}
      {expert.state === 'error' && (
        <>
          <h1>{t('experts.directory.heading')}</h1>
          <LoadError error={expert.error} onRetry={expert.retry} />
        </>
      )}
      {expert.state === 'ready' && (
        <ExpertCard
          expert={expert.data}
          level={1}
          onVerified={(stored) => {
            queryClient.setQueryData(expertKeys.one(person), stored);
            void queryClient.invalidateQueries({ queryKey: ['experts', 'list'] });
          }}
        />
      )}
    </section>
  );
}
