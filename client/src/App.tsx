/** The application: the shared page frame around the page the current path names. */
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Layout } from './components/Layout.js';
import { StatusMessage } from './components/StatusMessage.js';
import { CityPage } from './pages/city/CityPage.js';
import { DirectoryPage } from './pages/directory/DirectoryPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { useLocation } from './router.js';

// The application form is the largest page and the least visited: it loads when first opened.
const ApplyPage = lazy(() =>
  import('./pages/apply/ApplyPage.js').then((module) => ({ default: module.ApplyPage })),
);

const CITY_PATH = /^\/cities\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The page for `path`; unknown paths get the not-found page. */
function pageFor(path: string): ReactNode {
  if (path === '/') return <DirectoryPage />;
  if (path === '/apply') return <ApplyPage />;
  const city = CITY_PATH.exec(path)?.[1];
  if (city) return <CityPage key={city} slug={city} />;
  return <NotFoundPage />;
}

/** The root component. */
export function App() {
  const { t } = useTranslation();
  const { path } = useLocation();
  return (
    <Layout>
      <Suspense fallback={<StatusMessage>{t('layout.loadingPage')}</StatusMessage>}>{pageFor(path)}</Suspense>
    </Layout>
  );
}
