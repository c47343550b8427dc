/** `audit verify`: checks the whole hash chain and names the first broken entry. */
import { verifyAudit } from '../../audit/verifyAudit.js';
import { AppError } from '../../services/errors.js';
import { parse, type Command } from '../commandKit.js';

/** The audit commands. */
export const auditCommands: Command[] = [
  {
    name: 'audit verify',
    usage: 'audit verify',
    async run(args, out) {
      parse(args, {});
      const verdict = await verifyAudit();
      if (!verdict.ok) {
        out.print(verdict, () => '');
        throw new AppError(
          'conflict',
          `audit chain broken at entry ${verdict.brokenSeq}: ${verdict.reason} (${verdict.entries} entries before it verified)`,
        );
      }
      out.print(verdict, () => `audit chain intact: ${verdict.entries} entries verified`);
    },
  },
];
