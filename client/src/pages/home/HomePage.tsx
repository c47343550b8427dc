/**
 * `/`: a signed-in person's home (what is new for them, loaded with its strings on first visit), or
 * the public home for visitors (the network's hubs and member cities, and its published material).
 */
import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { withPageStrings } from '../../i18n/pageStrings.js';
import { PublicHome } from './PublicHome.js';

const MemberHome = lazy(() =>
  withPageStrings('home', () => import('./MemberHome.js')).then((module) => ({
    default: module.MemberHome,
  })),
);

/** The home page for whoever is looking. */
export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session.status === 'loading') return <StatusMessage>{t('layout.loadingPage')}</StatusMessage>;
  if (session.status === 'signedIn') return <MemberHome />;
  return <PublicHome />;
}
