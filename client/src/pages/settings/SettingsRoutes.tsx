/** Your data and notification settings: /settings/*. */
import { NotFoundPage } from '../NotFoundPage.js';

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function SettingsRoutes({ path }: { path: string }) {
  void path;
  return <NotFoundPage />;
}
