/** `search reindex`: recomputes the search tokens of existing items (after an upgrade of the index). */
import { z } from 'zod';
import { SEARCH_TYPES } from '../../../shared/schemas/search.js';
import { reindexSearch } from '../../services/search/reindexSearch.js';
import { list, parse, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

const ReindexOptions = z
  .object({
    batch: z.coerce.number().int().min(1).max(5000),
    types: z.array(z.enum(SEARCH_TYPES)).min(1).optional(),
  })
  .strict();

/** The search commands. */
export const searchCommands: Command[] = [
  {
    name: 'search reindex',
    usage: `search reindex [--batch 500] [--types ${SEARCH_TYPES.join(',')}]  (idempotent; prints progress)`,
    async run(args, out) {
      const { values } = parse(args, { batch: { type: 'string' }, types: { type: 'string' } });
      const options = validate(ReindexOptions, {
        batch: values.batch ?? '500',
        ...(values.types ? { types: list(values.types) } : {}),
      });
      const totals = await reindexSearch(
        operator(),
        { batchSize: options.batch, types: options.types },
        (p) =>
          out.print(
            p,
            () => `${p.type}: ${p.read} read, ${p.updated} updated, ${p.skipped} skipped (edited meanwhile)`,
          ),
      );
      out.print({ done: true, sources: totals }, () =>
        totals.length === 0
          ? 'nothing to re-index'
          : `done: ${totals.map((t) => `${t.type} ${t.updated}/${t.read} updated`).join(', ')}`,
      );
    },
  },
];
