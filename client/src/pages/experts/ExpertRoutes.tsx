/**
 * The Expert Pool's pages: /experts (the directory, for members), /experts/:person (one expert) and
 * /expert-profile (my own profile, for experts). Every page is for signed-in people; the server
 * decides who may open which and the page says so when refused.
 */
import { NotFoundPage } from '../NotFoundPage.js';
import { SignedInOnly } from '../spaces/SignedInOnly.js';
import { ExpertPage } from './ExpertPage.js';
import { ExpertProfilePage } from './ExpertProfilePage.js';
import { ExpertsPage } from './ExpertsPage.js';
import './experts.css';

const EXPERT_PATH = /^\/experts\/([a-f0-9]{24})$/;

/** The page of this area that `path` names, behind the sign-in; unknown paths get the not-found page. */
export function ExpertRoutes({ path }: { path: string }) {
  const page = pageFor(path);
  return page ? <SignedInOnly>{page}</SignedInOnly> : <NotFoundPage />;
}

function pageFor(path: string) {
  if (path === '/experts') return <ExpertsPage />;
  if (path === '/expert-profile') return <ExpertProfilePage />;
  const person = EXPERT_PATH.exec(path)?.[1];
  if (person) return <ExpertPage key={person} person={person} />;
  return null;
}
