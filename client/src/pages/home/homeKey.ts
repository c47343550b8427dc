/**
 * The cache key of the member's home summary (GET /api/v1/home), in a module of its own so the page
 * header can watch the cached totals without loading the workspace's code.
 */

/** The query key of the home summary. */
export const HOME_KEY = ['home', 'summary'] as const;
