/**
 * Which request areas to offer a signed-in person, from the server's capability flags on GET /home
 * (`askExperts`, `triageRequests`, `overdueRequests`, `offers`): every member has a list of their
 * requests (their city's as requester or focal point, and those they work on as experts); the server
 * still decides on every request.
 */
import { useSession } from '../../auth/session.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { fetchHomeSummary, type HomeSummaryView } from '../home/homeApi.js';
import { HOME_KEY } from '../home/homeKey.js';

/** What the request pages may show. */
export interface RequestCapabilities {
  requests: boolean;
  ask: boolean;
  triage: boolean;
  overdue: boolean;
  offers: boolean;
}

/** The flags from the home summary (`summary` is null while it loads: nothing beyond the list yet). */
export function requestCapabilitiesOf(summary: HomeSummaryView | null): RequestCapabilities {
  const flags = summary?.capabilities;
  return {
    requests: true,
    ask: flags?.askExperts === true,
    triage: flags?.triageRequests === true,
    overdue: flags?.overdueRequests === true,
    offers: flags?.offers === true,
  };
}

/** The request capabilities of the signed-in person (all false when signed out). */
export function useRequestCapabilities(): RequestCapabilities {
  const { session } = useSession();
  const signedIn = session.status === 'signedIn';
  const summary = useApiQuery(HOME_KEY, fetchHomeSummary, { enabled: signedIn });
  if (!signedIn) return { requests: false, ask: false, triage: false, overdue: false, offers: false };
  return requestCapabilitiesOf(summary.state === 'ready' ? summary.data : null);
}
