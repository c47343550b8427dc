/** The moderators' console: /moderation (the queue), /moderation/items/{type}/{id}, /moderation/audit. */
import { NotFoundPage } from '../NotFoundPage.js';
import { AuditPage } from './AuditPage.js';
import { ItemPage } from './ItemPage.js';
import type { ModeratedKind } from './moderationApi.js';
import { QueuePage } from './QueuePage.js';
import './moderation.css';

const ITEM = /^\/moderation\/items\/(Post|Message|Document|ExpertRequest|LibraryRecord)\/([a-f0-9]{24})$/;

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function ModerationRoutes({ path }: { path: string }) {
  if (path === '/moderation') return <QueuePage />;
  if (path === '/moderation/audit') return <AuditPage />;
  const item = ITEM.exec(path);
  if (item) return <ItemPage type={item[1] as ModeratedKind} id={item[2] as string} />;
  return <NotFoundPage />;
}
