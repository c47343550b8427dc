/**
 * /requests: the requests of the person's city ("mine"), the moderators' triage queue and the
 * Management Unit's overdue list, chosen by links (kept in the address: ?scope=triage&state=...), with
 * a state filter. Each request shows its title, label, state, urgency, due date and whether it is
 * overdue; "Ask the experts" opens the template.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { REQUEST_STATES, type RequestState } from '../../../../shared/policy/requestWorkflow.js';
import { FormField } from '../../components/FormField.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { asApiError } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useRequestCapabilities } from './requestCapabilities.js';
import { fetchRequests, requestKeys, type RequestScope, type RequestView } from './requestsApi.js';
import { useRequestWords } from './requestWords.js';

const asScope = (value: string | null): RequestScope =>
  value === 'triage' || value === 'overdue' ? value : 'mine';
const asState = (value: string | null): RequestState | '' =>
  (REQUEST_STATES as readonly string[]).includes(value ?? '') ? (value as RequestState) : '';

/** The path of the list for `scope` and `state`. */
function listPath(scope: RequestScope, state: RequestState | ''): string {
  const query = new URLSearchParams();
  if (scope !== 'mine') query.set('scope', scope);
  if (state) query.set('state', state);
  const text = query.toString();
  return text ? `/requests?${text}` : '/requests';
}

/** The page. */
export function RequestsPage() {
  const { t } = useTranslation();
  const words = useRequestWords();
  const { query } = useLocation();
  const can = useRequestCapabilities();
  const scope = asScope(query.get('scope'));
  const state = asState(query.get('state'));
  usePageTitle(t('requests.list.heading'));

  const scopes: { scope: RequestScope; show: boolean }[] = [
    { scope: 'mine', show: true },
    { scope: 'triage', show: can.triage || scope === 'triage' },
    { scope: 'overdue', show: can.overdue || scope === 'overdue' },
  ];
  const list = useInfiniteQuery({
    queryKey: requestKeys.list(scope, state),
    queryFn: ({ signal, pageParam }) => fetchRequests(scope, state, signal, pageParam ?? undefined),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="requests-page">
      <h1>{t('requests.list.heading')}</h1>
      <p className="lead">{t('requests.list.intro')}</p>
      {can.ask && (
        <p>
          <Link to="/requests/new" className="button">
            {t('requests.list.ask')}
          </Link>
        </p>
      )}
      <nav aria-label={t('requests.list.scopesLabel')} className="requests-scopes">
        <ul>
          {scopes
            .filter((s) => s.show)
            .map((s) => (
              <li key={s.scope}>
                <Link
                  to={listPath(s.scope, state)}
                  keepScroll
                  aria-current={s.scope === scope ? 'page' : undefined}
                >
                  {t(`requests.list.scopes.${s.scope}`)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <div className="requests-filters">
        <FormField id="requests-state" label={t('requests.list.stateFilter')}>
          {(control) => (
            <select
              {...control}
              value={state}
              onChange={(e) => navigate(listPath(scope, asState(e.target.value)), { keepScroll: true })}
            >
              <option value="">{t('requests.list.anyState')}</option>
              {REQUEST_STATES.map((s) => (
                <option key={s} value={s}>
                  {words.state(s)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
      <h2>{t(`requests.list.scopes.${scope}`)}</h2>
      <StatusMessage>
        {list.status === 'pending'
          ? t('requests.loading')
          : list.status === 'success'
            ? t('requests.list.count', { n: items.length })
            : ''}
      </StatusMessage>
      {list.status === 'error' && (
        <LoadError error={asApiError(list.error)} onRetry={() => void list.refetch()} />
      )}
      {list.status === 'success' && items.length === 0 && <p>{t('requests.list.none')}</p>}
      {items.length > 0 && (
        <ul className="request-list">
          {items.map((request) => (
            <RequestCard key={request.id} request={request} />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {list.isFetchingNextPage ? t('requests.loading') : t('requests.list.more')}
        </button>
      )}
    </section>
  );
}

/** One request of a list. */
function RequestCard({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const due = request.dueAt ?? request.deadline;
  return (
    <li className="request-card">
      <h3 className="request-card__title">
        <Link to={`/requests/${request.id}`}>
          <bdi>{request.title}</bdi>
        </Link>
      </h3>
      <p className="request-card__meta">
        <LabelBadge label={request.label} />
        <span>
          {t('requests.fields.state')}: {words.state(request.state)}
        </span>
        <span>
          {t('requests.fields.urgency')}: {words.urgency(request.urgency)}
        </span>
        {due && (
          <span>
            {t('requests.fields.due')}: {request.dueAt ? words.date(request.dueAt) : words.day(due)}
          </span>
        )}
        {request.overdue && <strong className="request-overdue">{t('requests.overdue')}</strong>}
        {request.city && (
          <span>
            {t('requests.fields.city')}: <bdi>{request.city.name}</bdi>
          </span>
        )}
      </p>
    </li>
  );
}
