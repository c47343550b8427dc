/** The application: the shared page frame around the page the current path names. */
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SessionProvider } from './auth/session.js';
import { Layout } from './components/Layout.js';
import { StatusMessage } from './components/StatusMessage.js';
import { queryClient } from './data/queryClient.js';
import { SessionCacheGuard } from './data/SessionCacheGuard.js';
import { withPageStrings } from './i18n/pageStrings.js';
import { CityPage } from './pages/city/CityPage.js';
import { DirectoryPage } from './pages/directory/DirectoryPage.js';
import { HomePage } from './pages/home/HomePage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { useLocation } from './router.js';

// Lazy pages load with their strings (i18n/pageStrings.ts).
// The application form is the largest page and the least visited: it loads when first opened.
const ApplyPage = lazy(() =>
  withPageStrings('apply', () => import('./pages/apply/ApplyPage.js')).then((module) => ({
    default: module.ApplyPage,
  })),
);

// The account pages are visited once in a while: loaded when first opened.
const AccountPage = lazy(() =>
  import('./pages/account/AccountPage.js').then((module) => ({ default: module.AccountPage })),
);
const SetPasswordPage = lazy(() =>
  withPageStrings('password', () => import('./pages/account/SetPasswordPage.js')).then((module) => ({
    default: module.SetPasswordPage,
  })),
);
// The sign-in page is visited once per session: loaded (with its strings) when first opened.
const SignInPage = lazy(() =>
  withPageStrings('signIn', () => import('./pages/signIn/SignInPage.js')).then((module) => ({
    default: module.SignInPage,
  })),
);
const ForgotPasswordPage = lazy(() =>
  withPageStrings(['password', 'signIn'], () => import('./pages/account/ForgotPasswordPage.js')).then(
    (module) => ({
      default: module.ForgotPasswordPage,
    }),
  ),
);

// Rooms carry the socket client and are visited by members only: loaded when first opened.
const RoomsPage = lazy(() =>
  withPageStrings(['rooms', 'documents'], () => import('./pages/rooms/RoomsPage.js')).then((module) => ({
    default: module.RoomsPage,
  })),
);
const RoomPage = lazy(() =>
  withPageStrings(['rooms', 'documents'], () => import('./pages/rooms/RoomPage.js')).then((module) => ({
    default: module.RoomPage,
  })),
);

const ROOM_PATH = /^\/rooms\/([A-Za-z0-9_-]{1,64})$/;

// Forums and search are for signed-in members on any network: each loads with its strings and styles.
const ForumRoutes = lazy(() =>
  withPageStrings('documents', () => import('./pages/forums/ForumRoutes.js')).then((module) => ({
    default: module.ForumRoutes,
  })),
);
const SearchPage = lazy(() =>
  import('./pages/search/SearchPage.js').then((module) => ({ default: module.SearchPage })),
);

// A plain post (not a forum topic), as search results open it: loaded with the forum strings.
const PostPage = lazy(() =>
  withPageStrings('documents', () => import('./pages/posts/PostPage.js')).then((module) => ({
    default: module.PostPage,
  })),
);

const POST_PATH = /^\/posts\/([a-f0-9]{24})$/;

// Each console and settings area is one lazy chunk with its strings: /settings, /spaces and
// /invitations, /moderation, /admin.
const SettingsRoutes = lazy(() =>
  withPageStrings('settings', () => import('./pages/settings/SettingsRoutes.js')).then((module) => ({
    default: module.SettingsRoutes,
  })),
);
const SpaceRoutes = lazy(() =>
  withPageStrings('spaces', () => import('./pages/spaces/SpaceRoutes.js')).then((module) => ({
    default: module.SpaceRoutes,
  })),
);
const ModerationRoutes = lazy(() =>
  withPageStrings('moderation', () => import('./pages/moderation/ModerationRoutes.js')).then((module) => ({
    default: module.ModerationRoutes,
  })),
);
const AdminRoutes = lazy(() =>
  withPageStrings('admin', () => import('./pages/admin/AdminRoutes.js')).then((module) => ({
    default: module.AdminRoutes,
  })),
);

// Documents carry the resumable-upload client (tus-js-client): loaded with their strings when first opened.
const DocumentRoutes = lazy(() =>
  withPageStrings('documents', () => import('./pages/documents/DocumentRoutes.js')).then((module) => ({
    default: module.DocumentRoutes,
  })),
);

// The Expert Pool's pages (directory, an expert, my profile): one lazy chunk with its strings.
const ExpertRoutes = lazy(() =>
  withPageStrings(['experts', 'spaces'], () => import('./pages/experts/ExpertRoutes.js')).then((module) => ({
    default: module.ExpertRoutes,
  })),
);

// Expert requests and offers (issue #14): one lazy chunk with its strings and styles.
const RequestRoutes = lazy(() =>
  withPageStrings('requests', () => import('./pages/requests/RequestRoutes.js')).then((module) => ({
    default: module.RequestRoutes,
  })),
);

// The good-practice library (issue #14): one lazy chunk with its strings and styles, for members and
// (its public, text-first pages) for signed-out visitors.
const LibraryRoutes = lazy(() =>
  withPageStrings('library', () => import('./pages/library/LibraryRoutes.js')).then((module) => ({
    default: module.LibraryRoutes,
  })),
);

/** A space's documents (the rest of /spaces/... is the spaces area). */
const SPACE_DOCUMENTS_PATH = /^\/spaces\/[a-z0-9]+(?:-[a-z0-9]+)*\/documents$/;

/** Whether `path` is `prefix` or below it. */
function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

const CITY_PATH = /^\/cities\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The page for `path`; unknown paths get the not-found page. */
function pageFor(path: string): ReactNode {
  // A member's home, or the visitors' public home (which shows the directory); the directory alone on /cities.
  if (path === '/') return <HomePage />;
  if (path === '/cities') return <DirectoryPage base="/cities" />;
  if (path === '/apply') return <ApplyPage />;
  if (path === '/sign-in') return <SignInPage />;
  if (path === '/account') return <AccountPage />;
  if (path === '/accept-invitation') return <SetPasswordPage key="invitation" mode="invitation" />;
  if (path === '/reset-password') return <SetPasswordPage key="reset" mode="reset" />;
  if (path === '/forgot-password') return <ForgotPasswordPage />;
  if (path === '/rooms') return <RoomsPage />;
  const room = ROOM_PATH.exec(path)?.[1];
  if (room) return <RoomPage key={room} roomId={room} />;
  if (path === '/forums' || path.startsWith('/forums/')) return <ForumRoutes path={path} />;
  if (path === '/search') return <SearchPage />;
  if (isUnder(path, '/settings')) return <SettingsRoutes path={path} />;
  if (SPACE_DOCUMENTS_PATH.test(path) || isUnder(path, '/documents')) return <DocumentRoutes path={path} />;
  if (isUnder(path, '/spaces') || isUnder(path, '/invitations')) return <SpaceRoutes path={path} />;
  if (isUnder(path, '/moderation')) return <ModerationRoutes path={path} />;
  if (isUnder(path, '/experts') || path === '/expert-profile') return <ExpertRoutes path={path} />;
  if (isUnder(path, '/admin')) return <AdminRoutes path={path} />;
  if (isUnder(path, '/requests') || path === '/offers') return <RequestRoutes path={path} />;
  if (isUnder(path, '/library')) return <LibraryRoutes path={path} />;
  const post = POST_PATH.exec(path)?.[1];
  if (post) return <PostPage key={post} postId={post} />;
  const city = CITY_PATH.exec(path)?.[1];
  if (city) return <CityPage key={city} slug={city} />;
  return <NotFoundPage />;
}

/** The root component: the shared data cache, the session, the page frame and the current page. */
export function App() {
  const { t } = useTranslation();
  const { path } = useLocation();
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <SessionCacheGuard />
        <Layout>
          <Suspense fallback={<StatusMessage>{t('layout.loadingPage')}</StatusMessage>}>
            {pageFor(path)}
          </Suspense>
        </Layout>
      </SessionProvider>
    </QueryClientProvider>
  );
}
