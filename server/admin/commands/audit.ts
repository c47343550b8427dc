/**
 * The audit commands: `audit verify` checks the whole keyed chain and every anchor written outside the
 * database (AUDIT_ANCHOR_FILE, or --anchors) and names the first broken entry; `audit sweep` appends
 * what audit outboxes still hold and resumes interrupted approvals (as the server does every minute);
 * `audit anchor` appends a signed head now.
 */
import { readAnchors, writeAnchor } from '../../audit/anchors.js';
import { auditKeys } from '../../audit/auditKey.js';
import { sweepAuditOutbox } from '../../audit/auditOutbox.js';
import { verifyAudit } from '../../audit/verifyAudit.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import { resumeApprovals } from '../../services/applications/completeApproval.js';
import { z } from 'zod';
import { parse, validate, type Command } from '../commandKit.js';

const ExpectedHeadOption = z
  .string()
  .regex(/^\d+:[a-f0-9]{64}$/, 'a head as <seq>:<64 hex characters>, as the server logs it')
  .transform((v) => {
    const [seq, hash] = v.split(':');
    return { seq: Number(seq), hash: hash ?? '' };
  });

/** The anchor file: --anchors, else the configured one. */
function anchorFile(given: string | undefined): string {
  return given ?? loadConfig().audit.anchorFile;
}

/** The audit commands. */
export const auditCommands: Command[] = [
  {
    name: 'audit verify',
    usage:
      'audit verify [--anchors <file>] [--expect-head <seq>:<hash>] [--allow-no-anchors]  (checks the chain and its anchors, default AUDIT_ANCHOR_FILE)',
    async run(args, out) {
      const { values } = parse(args, {
        'expect-head': { type: 'string' },
        anchors: { type: 'string' },
        'allow-no-anchors': { type: 'boolean' },
      });
      const head = values['expect-head'] ? validate(ExpectedHeadOption, values['expect-head']) : undefined;
      const file = anchorFile(values.anchors);
      const anchors = await readAnchors(file);
      const verdict = await verifyAudit(500, head, { anchors });
      // Without an anchor, a chain rewritten whole as unkeyed entries cannot be told from the true one:
      // no anchor found is a failure unless the operator says it is expected (a chain never anchored).
      if (
        verdict.ok &&
        anchors.anchors.length === 0 &&
        anchors.unreadable.length === 0 &&
        verdict.entries > 0 &&
        !head &&
        !values['allow-no-anchors']
      )
        throw new AppError(
          'conflict',
          `no anchors in ${file}: without one, a chain rewritten whole cannot be told from the true one. Point --anchors at a node's anchor file, or pass --allow-no-anchors to check the chain alone.`,
        );
      if (!verdict.ok) {
        out.print(verdict, () => verdict.breaks.map((b) => `  entry ${b.seq}: ${b.reason}`).join('\n'));
        throw new AppError(
          'conflict',
          `audit chain broken at entry ${verdict.brokenSeq}: ${verdict.reason} (${verdict.breaks.length} problem(s) in ${verdict.entries} entries)`,
        );
      }
      out.print(
        verdict,
        () =>
          `audit chain intact: ${verdict.entries} entries verified against ${verdict.anchors ?? 0} anchor(s)`,
      );
    },
  },
  {
    name: 'audit sweep',
    usage: 'audit sweep  (appends pending audit outbox entries, resumes interrupted approvals)',
    async run(args, out) {
      parse(args, {});
      const approvals = await resumeApprovals(0);
      const appended = await sweepAuditOutbox();
      out.print(
        { appended, approvals },
        () => `${appended} pending entries appended, ${approvals} approvals resumed`,
      );
    },
  },
  {
    name: 'audit anchor',
    usage: 'audit anchor [--anchors <file>]  (appends the signed chain head to the anchor file now)',
    async run(args, out) {
      const { values } = parse(args, { anchors: { type: 'string' } });
      const keys = auditKeys();
      if (!keys) throw new AppError('conflict', 'no AUDIT_KEY is set');
      const anchor = await writeAnchor(keys, anchorFile(values.anchors));
      out.print(anchor, () =>
        anchor ? `anchored entry ${anchor.seq}` : 'the chain is empty: nothing to anchor',
      );
    },
  },
];
