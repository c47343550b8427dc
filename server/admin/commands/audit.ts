/** `audit verify`: checks the whole hash chain and names the first broken entry. */
import { verifyAudit } from '../../audit/verifyAudit.js';
import { AppError } from '../../errors.js';
import { z } from 'zod';
import { parse, validate, type Command } from '../commandKit.js';

const ExpectedHeadOption = z
  .string()
  .regex(/^\d+:[a-f0-9]{64}$/, 'a head as <seq>:<64 hex characters>, as the server logs it')
  .transform((v) => {
    const [seq, hash] = v.split(':');
    return { seq: Number(seq), hash: hash ?? '' };
  });

/** The audit commands. */
export const auditCommands: Command[] = [
  {
    name: 'audit verify',
    usage:
      'audit verify [--expect-head <seq>:<hash>]  (a head from the server log, to catch deletions from the end)',
    async run(args, out) {
      const { values } = parse(args, { 'expect-head': { type: 'string' } });
      const head = values['expect-head'] ? validate(ExpectedHeadOption, values['expect-head']) : undefined;
      const verdict = await verifyAudit(500, head);
      if (!verdict.ok) {
        out.print(verdict, () => verdict.breaks.map((b) => `  entry ${b.seq}: ${b.reason}`).join('\n'));
        throw new AppError(
          'conflict',
          `audit chain broken at entry ${verdict.brokenSeq}: ${verdict.reason} (${verdict.breaks.length} problem(s) in ${verdict.entries} entries)`,
        );
      }
      out.print(verdict, () => `audit chain intact: ${verdict.entries} entries verified`);
    },
  },
];
