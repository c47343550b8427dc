/**
 * The searchable content collections. Each source names its API type, its policy subject (the
 * readable filter comes from server/policy/contentAccess.ts for that subject), its model and the
 * fields its tokens are computed from. Search and re-indexing are generic over this list.
 *
 * Adding a collection needs its type in shared/schemas/search.ts SEARCH_TYPES,
 * its subject in shared/policy/content.ts CONTENT_TYPES, the same policy fields as posts plus
 * `language` and `tokens` (indexed `{ tokens: 1, createdAt: -1, _id: -1 }`), and its writes setting
 * `tokens` with `indexTokens` from shared/search/tokens.ts.
 */
import type { Model } from 'mongoose';
import type { ContentType } from '../../../shared/policy/content.js';
import type { SearchType } from '../../../shared/schemas/search.js';
import { LIBRARY_SECTIONS } from '../../../shared/schemas/library.js';
import { DocumentModel } from '../../models/Document.js';
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import { LibraryRecordModel } from '../../models/LibraryRecord.js';
import { MessageModel } from '../../models/Message.js';
import { PostModel } from '../../models/Post.js';

/** One searchable collection. */
export interface SearchSource {
  type: SearchType;
  subject: ContentType;
  model: Model<never>;
  /** The title field, or null for content without titles (messages). */
  titleField: string | null;
  bodyField: string;
  /** Further indexed fields (strings or lists of strings) beyond the title and the body. */
  extraIndexFields: readonly string[];
  /**
   * Further text fields the excerpt may come from, after the body: the first of them holding a match
   * gives it when the body holds none (a library record's summary may be empty; a request's match
   * may be in its context).
   */
  excerptFields: readonly string[];
  /**
   * The date a result shows, from the item's own fields: its creation, or for a published library
   * record its publication (the public record shows no earlier date: a lesson's draft is as old as
   * its request's close).
   */
  shownDate(doc: Record<string, unknown>): Date;
  /** Further fields read for {@link SearchSource.topicOf} and {@link SearchSource.shownDate}. */
  linkFields: readonly string[];
  /**
   * The forum topic a result opens, from the readable item's own fields only (nothing about the
   * topic itself is read): a reply's topic id, a topic's own id, null for anything else.
   */
  topicOf(doc: Record<string, unknown>): string | null;
}

/** Posts: a reply names its topic; a topic (a post in a category) is its own topic. */
function topicOfPost(doc: Record<string, unknown>): string | null {
  if (doc.topicId) return String(doc.topicId);
  return doc.categoryId ? String(doc._id) : null;
}

/** An item's creation date. */
function createdAt(doc: Record<string, unknown>): Date {
  return doc.createdAt as Date;
}

/** Every searchable collection, in the order ties are broken. */
export const SEARCH_SOURCES: readonly SearchSource[] = [
  {
    type: 'post',
    subject: 'Post',
    model: PostModel as never,
    titleField: 'title',
    bodyField: 'body',
    extraIndexFields: [],
    excerptFields: [],
    linkFields: ['topicId', 'categoryId'],
    topicOf: topicOfPost,
    shownDate: createdAt,
  },
  {
    type: 'message',
    subject: 'Message',
    model: MessageModel as never,
    titleField: null,
    bodyField: 'body',
    extraIndexFields: [],
    excerptFields: [],
    linkFields: [],
    topicOf: () => null,
    shownDate: createdAt,
  },
  {
    type: 'document',
    subject: 'Document',
    model: DocumentModel as never,
    titleField: 'title',
    bodyField: 'body',
    // The same texts as DOCUMENT_KIND.searchTexts: tags and the words of the readable file.
    extraIndexFields: ['tags', 'fileText'],
    excerptFields: [],
    linkFields: [],
    topicOf: () => null,
    shownDate: createdAt,
  },
  {
    type: 'request',
    subject: 'ExpertRequest',
    model: ExpertRequestModel as never,
    titleField: 'title',
    // The problem; the same texts as REQUEST_KIND.searchTexts.
    bodyField: 'body',
    extraIndexFields: ['context'],
    excerptFields: ['context'],
    linkFields: [],
    topicOf: () => null,
    shownDate: createdAt,
  },
  {
    type: 'library',
    subject: 'LibraryRecord',
    model: LibraryRecordModel as never,
    titleField: 'title',
    // The summary, then the sections; the same texts as LIBRARY_KIND.searchTexts.
    bodyField: 'body',
    extraIndexFields: LIBRARY_SECTIONS,
    excerptFields: LIBRARY_SECTIONS,
    linkFields: ['publishedAt'],
    topicOf: () => null,
    shownDate: (doc) => (doc.publishedAt instanceof Date ? doc.publishedAt : createdAt(doc)),
  },
];

/** The sources of the given types (all when none are given). */
export function sourcesOf(types: readonly SearchType[] | undefined): SearchSource[] {
  return SEARCH_SOURCES.filter((s) => !types || types.includes(s.type));
}
