/** The moderators' console: /moderation/*. */
import { NotFoundPage } from '../NotFoundPage.js';

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function ModerationRoutes({ path }: { path: string }) {
  void path;
  return <NotFoundPage />;
}
