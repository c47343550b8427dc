/** The admins' and focal points' console: /admin/*. */
import { NotFoundPage } from '../NotFoundPage.js';

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function AdminRoutes({ path }: { path: string }) {
  void path;
  return <NotFoundPage />;
}
