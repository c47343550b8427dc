/**
 * GET /search: one ranked page of what the actor may read (posts, room messages, documents, expert
 * requests and library records: search/sources.ts), each with its space, label and a snippet of its
 * own text. No totals, facets or counts.
 * Views of AMBER+STRICT and RED results are recorded for their originators, as any read is.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import type { SearchRequest, SearchResult } from '../../../shared/schemas/search.js';
import { snippet, wordMatcher } from '../../../shared/search/snippet.js';
import { asLabel } from '../../../shared/policy/content.js';
import { recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { findMatches, textsOf } from './findMatches.js';
import { SEARCH_SOURCES } from './sources.js';

type Result = z.infer<typeof SearchResult>;

/** The excerpt of the first text holding a match (else of the first text), matches marked; '' without text. */
function excerptOf(texts: string[], matches: (word: string) => boolean): string {
  const excerpts = texts.map((text) => snippet(text, matches));
  return excerpts.find((html) => html.includes('<mark>')) ?? excerpts[0] ?? '';
}

/** Searches everything the actor may read. */
export async function searchContent(
  actor: Actor,
  request: z.infer<typeof SearchRequest>,
): Promise<{ items: Result[]; nextCursor: string | null }> {
  const ctx = await loadSharingContext(actor);
  const { terms, items, nextCursor } = await findMatches(ctx, request);
  for (const source of SEARCH_SOURCES) {
    const shown = items.filter((m) => m.source === source).map((m) => m.doc);
    if (shown.length > 0) await recordSensitiveAccess(ctx, shown, 'view', 'search', source.subject);
  }
  const spaces = await spacesById(items.map((m) => m.doc.spaceId));
  return {
    items: items.map(({ source, doc }) => {
      const language = contentLanguageOf(doc.language) ?? null;
      const matches = wordMatcher(terms, language);
      const { title, texts } = textsOf(source, doc);
      const space = spaces.get(String(doc.spaceId));
      return {
        type: source.type,
        id: String(doc._id),
        space: { id: String(doc.spaceId), slug: space?.slug ?? 'unknown', name: space?.name ?? 'unknown' },
        label: asLabel(doc.label),
        language,
        title,
        titleHtml: title === null ? null : snippet(title, matches, 300),
        excerptHtml: excerptOf(texts, matches),
        createdAt: source.shownDate(doc).toISOString(),
        topic: source.topicOf(doc),
      };
    }),
    nextCursor,
  };
}
