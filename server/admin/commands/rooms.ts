/** `rooms reconcile-threads`: makes stored thread replies follow their first message (after an upgrade). */
import { z } from 'zod';
import { reconcileThreads } from '../../services/rooms/reconcileThreads.js';
import { parse, validate, type Command } from '../commandKit.js';
import { operator } from '../operator.js';

const ReconcileOptions = z.object({ batch: z.coerce.number().int().min(1).max(5000) }).strict();

/** The room commands. */
export const roomCommands: Command[] = [
  {
    name: 'rooms reconcile-threads',
    usage:
      'rooms reconcile-threads [--batch 500]  (idempotent: hides replies of hidden roots, raises replies below their root)',
    async run(args, out) {
      const { values } = parse(args, { batch: { type: 'string' } });
      const options = validate(ReconcileOptions, { batch: values.batch ?? '500' });
      const totals = await reconcileThreads(operator(), options.batch);
      out.print(
        totals,
        () =>
          `${totals.roots} threads read: ${totals.hidden} replies hidden, ${totals.relabelled} relabelled`,
      );
    },
  },
];
