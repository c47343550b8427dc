/** The regional hubs, each a link that narrows the directory to its cities. */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import type { HubsState } from '../../hooks/useHubs.js';
import { hubName, sortByName } from '../../format.js';
import { Link } from '../../router.js';
import { directoryUrl, type DirectoryBase } from './filters.js';

/** Lists `hubs`; the hub the directory is filtered by is marked as current. */
export function HubList({
  hubs,
  activeHub,
  pageSize,
  base,
}: {
  hubs: HubsState;
  activeHub: string | undefined;
  pageSize: number;
  /** The page the directory is on. */
  base: DirectoryBase;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <section aria-labelledby="hubs-heading" className="hubs">
      <h2 id="hubs-heading">{t('directory.hubsHeading')}</h2>
      <p>{t('directory.hubsIntro')}</p>
      {hubs.state === 'loading' && <StatusMessage>{t('directory.loadingHubs')}</StatusMessage>}
      {hubs.state === 'error' && <LoadError error={hubs.error} onRetry={hubs.retry} />}
      {hubs.state === 'ready' && (
        <ul className="hub-list">
          {sortByName(hubs.data, (hub) => hubName(hub, language), language).map((hub) => (
            <li key={hub.slug}>
              <Link
                to={directoryUrl({ hub: hub.slug }, pageSize, base)}
                keepScroll
                className="hub-list__link"
                aria-current={hub.slug === activeHub ? 'true' : undefined}
              >
                {hubName(hub, language)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
