/**
 * Test-only entry script for the crash tests (never imported by the server): connects to the test
 * database, performs one change through the real service, and kills itself with SIGKILL when the
 * change reaches the crash point named by CRASH_AT (server/audit/crashPoints.ts). With no CRASH_AT it
 * completes and prints "completed".
 * Environment: CRASH_DB_URI, CRASH_DB_NAME, CRASH_AUDIT_KEY, CRASH_AT, CRASH_OP (JSON: {kind, id}).
 */
import mongoose from 'mongoose';
import { configureAuditKey } from '../../../../server/audit/auditKey.js';
import { setCrashHook } from '../../../../server/audit/crashPoints.js';
import { connectDatabase } from '../../../../server/db/connect.js';
import '../../../../server/models/index.js';
import { decideApplication } from '../../../../server/services/applications/decideApplication.js';
import { setPersonStatus } from '../../../../server/services/people/setPersonStatus.js';

const env = process.env;
const OPERATOR = { kind: 'operator', name: 'crash test' } as const;
const op = JSON.parse(env.CRASH_OP ?? '{}') as { kind: 'approve' | 'decline' | 'suspend'; id: string };

configureAuditKey(env.CRASH_AUDIT_KEY ?? null);
setCrashHook((point) => {
  if (point === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
});
await connectDatabase(env.CRASH_DB_URI ?? '', env.CRASH_DB_NAME ?? '');
if (op.kind === 'approve') await decideApplication(OPERATOR, op.id, { decision: 'approve' });
else if (op.kind === 'decline')
  await decideApplication(OPERATOR, op.id, { decision: 'decline', reason: 'no' });
else await setPersonStatus(OPERATOR, op.id, 'suspended', 'crash test');
await mongoose.disconnect();
process.stdout.write('completed\n');
