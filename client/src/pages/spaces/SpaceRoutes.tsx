/**
 * Spaces and invitations: /spaces (mine), /spaces/new, /spaces/conversations/new, /spaces/:slug (its
 * members and pending invitations), /spaces/:slug/categories (a hub forum's categories) and
 * /invitations. Every page is for signed-in people.
 */
import { NotFoundPage } from '../NotFoundPage.js';
import { CategoriesPage } from './CategoriesPage.js';
import { InvitationsPage } from './InvitationsPage.js';
import { MySpacesPage } from './MySpacesPage.js';
import { NewConversationPage } from './NewConversationPage.js';
import { NewSpacePage } from './NewSpacePage.js';
import { SignedInOnly } from './SignedInOnly.js';
import { SpacePage } from './SpacePage.js';
import './spaces.css';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const SPACE_PATH = new RegExp(`^/spaces/(${SLUG})$`);
const CATEGORIES_PATH = new RegExp(`^/spaces/(${SLUG})/categories$`);

/** The page of this area that `path` names, behind the sign-in; unknown paths get the not-found page. */
export function SpaceRoutes({ path }: { path: string }) {
  const page = pageFor(path);
  return page ? <SignedInOnly>{page}</SignedInOnly> : <NotFoundPage />;
}

function pageFor(path: string) {
  if (path === '/spaces') return <MySpacesPage />;
  if (path === '/spaces/new') return <NewSpacePage />;
  if (path === '/spaces/conversations/new') return <NewConversationPage />;
  if (path === '/invitations') return <InvitationsPage />;
  const space = SPACE_PATH.exec(path)?.[1];
  if (space) return <SpacePage key={space} slug={space} />;
  const categories = CATEGORIES_PATH.exec(path)?.[1];
  if (categories) return <CategoriesPage key={categories} slug={categories} />;
  return null;
}
