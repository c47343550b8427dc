/**
 * Re-indexing (`npm run admin -- search reindex`): recomputes the language and search tokens of every
 * item of every source in `_id` order and batches, writing only what changed. Idempotent: a second
 * run changes nothing. An item edited meanwhile is skipped (its edit already indexed it with the
 * current code); deleted items keep no tokens. The operator's run is recorded in the audit log.
 */
import type { Types } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { readIndexBatch } from '../../policy/contentAccess.js';
import { SEARCH_SOURCES, type SearchSource } from './sources.js';

/** Counts after each batch of one source. */
export interface ReindexProgress {
  type: string;
  read: number;
  updated: number;
  skipped: number;
}

interface IndexDoc {
  _id: Types.ObjectId;
  updatedAt: Date;
  state?: string;
  language?: string | null;
  tokens?: string[];
  [field: string]: unknown;
}

const same = (a: readonly string[] = [], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

async function reindexDoc(source: SearchSource, doc: IndexDoc): Promise<'same' | 'updated' | 'skipped'> {
  const text = (field: string | null) =>
    field && typeof doc[field] === 'string' ? (doc[field] as string) : '';
  const extra = source.extraIndexFields.flatMap((field) => {
    const value = doc[field];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [text(field)];
  });
  const texts = [text(source.titleField), text(source.bodyField), ...extra].filter(Boolean);
  // A stored language (given or detected earlier) is kept; a missing one is detected again. One
  // search does not stem (a library record written in Portuguese, say) is kept too, and its item
  // indexed in no language, as it was when written.
  const stored = doc.language ?? null;
  const known = contentLanguageOf(stored);
  const next =
    doc.state === 'deleted'
      ? { language: stored, tokens: [] }
      : indexTokens(texts, known ?? (stored === null ? undefined : null));
  const language = known || stored === null ? next.language : stored;
  if (stored === language && same(doc.tokens, next.tokens)) return 'same';
  const result = await source.model.updateOne(
    { _id: doc._id, updatedAt: doc.updatedAt } as never,
    { $set: { language, tokens: next.tokens } } as never,
    { timestamps: false },
  );
  return result.modifiedCount === 1 ? 'updated' : 'skipped';
}

/** Re-indexes every source; `progress` is told after each batch. */
export async function reindexSearch(
  actor: Actor,
  options: { batchSize: number; types?: readonly string[] },
  progress: (p: ReindexProgress) => void,
): Promise<ReindexProgress[]> {
  const totals: ReindexProgress[] = [];
  for (const source of SEARCH_SOURCES.filter((s) => !options.types || options.types.includes(s.type))) {
    const counts: ReindexProgress = { type: source.type, read: 0, updated: 0, skipped: 0 };
    const fields = [
      'state',
      source.bodyField,
      ...(source.titleField ? [source.titleField] : []),
      ...source.extraIndexFields,
    ];
    let after: Types.ObjectId | null = null;
    for (;;) {
      const batch: IndexDoc[] = await readIndexBatch<IndexDoc>(
        source.subject,
        after,
        options.batchSize,
        fields,
      );
      if (batch.length === 0) break;
      for (const doc of batch) {
        const outcome = await reindexDoc(source, doc);
        if (outcome === 'updated') counts.updated += 1;
        if (outcome === 'skipped') counts.skipped += 1;
      }
      counts.read += batch.length;
      after = batch[batch.length - 1]?._id ?? null;
      progress({ ...counts });
      if (batch.length < options.batchSize) break;
    }
    totals.push(counts);
  }
  await recordAudit(actor, 'search.reindexed', { type: 'search' }, { sources: totals });
  return totals;
}
