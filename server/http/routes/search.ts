/** /api/v1/search: ranked search across the content the caller may read; no totals. */
import { SearchPage, SearchRequest } from '../../../shared/schemas/index.js';
import { searchContent } from '../../services/search/searchContent.js';
import { defineRoute } from '../defineRoute.js';

/** The search routes. */
export const searchRoutes = [
  defineRoute({
    method: 'get',
    path: '/search',
    tag: 'Search',
    // Public at the route: signed-out visitors search published CLEAR material only (the policy decides).
    access: 'public',
    summary:
      'Search what I may read, in every language (stemmed; Arabic by root); ranked, with snippets, never totals',
    query: SearchRequest,
    response: SearchPage,
    handler: ({ actor, query }) => searchContent(actor, query),
  }),
];
