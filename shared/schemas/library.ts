/**
 * The good-practice library (issue #14, parts 5 and 6): structured records of what a city did and what
 * came of it, written directly or drafted as a lesson from a closed expert request. A record is GREEN
 * (for the network) or CLEAR (public); it is published only after two approvals (the source city's
 * focal point and a Management Unit editor), once the automatic checks find no name, e-mail,
 * telephone number or place left and the principle-3 checklist is confirmed. Its public page never
 * names its source.
 */
import { z } from 'zod';
import { EXPERT_TOPICS } from '../expertPool.js';
import {
  FilledParagraphs,
  LanguageCode,
  Line,
  ObjectIdString,
  pageOf,
  PageQuery,
  Paragraphs,
  Slug,
} from './common.js';

/** The labels a library record may carry. */
export const LIBRARY_LABELS = ['CLEAR', 'GREEN'] as const;

/** Where a record stands: written, waiting for its two approvals, published. */
export const LIBRARY_STAGES = ['draft', 'in_review', 'published'] as const;

/** How far the network vouches for a published record. */
export const LIBRARY_STATUSES = ['shared', 'peer_reviewed'] as const;

/** The structured sections of a record, in order. */
export const LIBRARY_SECTIONS = [
  'problem',
  'approach',
  'actors',
  'resources',
  'results',
  'transferability',
] as const;

/** The text of a record in one language. */
export const LibraryText = z
  .object({
    title: Line(200),
    summary: Paragraphs(2000).optional(),
    problem: FilledParagraphs(8000, 'describe the problem'),
    approach: FilledParagraphs(8000, 'describe the approach'),
    actors: Paragraphs(4000).optional(),
    resources: Paragraphs(4000).optional(),
    results: Paragraphs(8000).optional(),
    transferability: Paragraphs(4000).optional(),
  })
  .strict();

/** A new record (written directly, or drafted from a closed request with `fromRequest`). */
export const NewLibraryRecord = LibraryText.extend({
  label: z.enum(LIBRARY_LABELS, { error: 'a library record is GREEN or CLEAR' }).default('GREEN'),
  themes: z.array(z.enum(EXPERT_TOPICS)).min(1).max(5),
  /** Hub slugs the practice comes from or applies to. */
  regions: z.array(Slug).max(10).default([]),
  /** The language the record is written in. */
  language: LanguageCode,
  fromRequest: ObjectIdString.optional(),
})
  .strict()
  .meta({ id: 'NewLibraryRecord' });

/** An edit of a draft (any field of a new record but its source). */
export const LibraryRecordUpdate = LibraryText.partial()
  .extend({
    label: z.enum(LIBRARY_LABELS, { error: 'a library record is GREEN or CLEAR' }).optional(),
    themes: z.array(z.enum(EXPERT_TOPICS)).min(1).max(5).optional(),
    regions: z.array(Slug).max(10).optional(),
  })
  .strict()
  .meta({ id: 'LibraryRecordUpdate' });

/** The principle-3 checklist (DOMAIN.md): confirmed when submitting and with each approval. */
export const LibraryChecklist = z
  .object({
    /** No prevention measure is tied to, or aimed at, a religious, ethnic, national or other group. */
    noGroupTargeting: z.literal(true, { error: 'confirm that no prevention measure is tied to a group' }),
    /** No names, contact details or other personal data of anyone. */
    noPersonalData: z.literal(true, { error: 'confirm that no personal data remains' }),
    /** Cities and places are named only where the source allows it. */
    placesChecked: z.literal(true, { error: 'confirm that places are named only where the source allows' }),
  })
  .strict()
  .meta({ id: 'LibraryChecklist' });

/** Submitting a draft for its approvals, or approving it. */
export const LibraryReviewInput = z
  .object({ checklist: LibraryChecklist, note: Paragraphs(1000).optional() })
  .strict()
  .meta({ id: 'LibraryReviewInput' });

/** A translation, by a person (`human`) or a machine. */
export const LibraryTranslationInput = LibraryText.extend({
  language: LanguageCode,
  origin: z.enum(['human', 'machine']),
})
  .strict()
  .meta({ id: 'LibraryTranslationInput' });

/** What the automatic checks found (each a kind and the words found). */
export const LibraryFinding = z
  .object({
    kind: z.enum(['email', 'phone', 'name', 'place']),
    field: z.string(),
    text: z.string(),
  })
  .meta({ id: 'LibraryFinding' });

/** The text of a record in one language, as returned. */
const LibraryTextOut = z.object({
  language: LanguageCode,
  origin: z.enum(['original', 'human', 'machine']),
  title: z.string(),
  summary: z.string(),
  problem: z.string(),
  approach: z.string(),
  actors: z.string(),
  resources: z.string(),
  results: z.string(),
  transferability: z.string(),
});

/** A record as members (and, for its public page, visitors) see it. */
export const LibraryRecord = z
  .object({
    id: ObjectIdString,
    label: z.enum(LIBRARY_LABELS),
    stage: z.enum(LIBRARY_STAGES),
    status: z.enum(LIBRARY_STATUSES),
    themes: z.array(z.enum(EXPERT_TOPICS)),
    regions: z.array(Slug),
    /** The original text first, then each translation. */
    texts: z.array(LibraryTextOut),
    publishedAt: z.string().nullable(),
    /** Members only (never on public pages): who wrote it, whether it came from a request, the review. */
    review: z
      .object({
        author: z.object({ id: ObjectIdString, name: z.string() }).nullable(),
        fromRequest: z.boolean(),
        /** The source must be sanitised (Chatham House or above GREEN): names, cities, personal data go. */
        sanitise: z.boolean(),
        findings: z.array(LibraryFinding),
        approvals: z.array(
          z.object({ as: z.enum(['focal_point', 'editor']), by: z.string().nullable(), at: z.string() }),
        ),
        /** The approvals still missing. */
        missing: z.array(z.enum(['focal_point', 'editor'])),
        abilities: z.object({
          edit: z.boolean(),
          submit: z.boolean(),
          approve: z.boolean(),
          translate: z.boolean(),
          peerReview: z.boolean(),
        }),
      })
      .optional(),
  })
  .meta({ id: 'LibraryRecord' });

/** The library's filters. */
export const LibraryListQuery = PageQuery.extend({
  theme: z.enum(EXPERT_TOPICS).optional(),
  region: Slug.optional(),
  language: LanguageCode.optional(),
  status: z.enum(LIBRARY_STATUSES).optional(),
  /** Members: `published` (default) or `review` (drafts and records awaiting me or mine). */
  stage: z.enum(['published', 'review']).default('published'),
  q: z.string().trim().max(200).optional(),
})
  .strict()
  .meta({ id: 'LibraryListQuery' });

/** A page of records. */
export const LibraryPage = pageOf(LibraryRecord).meta({ id: 'LibraryPage' });

/** Path parameter naming a record. */
export const LibraryParams = z.object({ id: ObjectIdString }).strict();
