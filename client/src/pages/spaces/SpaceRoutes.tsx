/** Spaces and invitations: /spaces/*, /invitations. */
import { NotFoundPage } from '../NotFoundPage.js';

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function SpaceRoutes({ path }: { path: string }) {
  void path;
  return <NotFoundPage />;
}
