/**
 * Test-only entry script for the outbox coverage test (never imported by the server): connects to the
 * test database, relabels one post through the real service as one person, and kills itself with
 * SIGKILL when the change reaches the crash point named by CRASH_AT (server/audit/crashPoints.ts).
 * With no CRASH_AT it completes and prints "completed".
 * Environment: CRASH_DB_URI, CRASH_DB_NAME, CRASH_AUDIT_KEY, CRASH_AT, CRASH_OP (JSON: {post, person, to}).
 */
import mongoose from 'mongoose';
import { configureAuditKey } from '../../../../server/audit/auditKey.js';
import { setCrashHook } from '../../../../server/audit/crashPoints.js';
import { connectDatabase } from '../../../../server/db/connect.js';
import '../../../../server/models/index.js';
import { loadActivePersonActor } from '../../../../server/policy/personActor.js';
import { relabelPost } from '../../../../server/services/posts/relabelPost.js';
import type { Label } from '../../../../shared/policy/labels.js';

const env = process.env;
const op = JSON.parse(env.CRASH_OP ?? '{}') as { post: string; person: string; to: Label };

configureAuditKey(env.CRASH_AUDIT_KEY ?? null);
setCrashHook((point) => {
  if (point === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
});
await connectDatabase(env.CRASH_DB_URI ?? '', env.CRASH_DB_NAME ?? '');
const actor = await loadActivePersonActor(op.person);
if (!actor) throw new Error('no such active person');
await relabelPost(actor, op.post, op.to, 'raised in the crash test');
await mongoose.disconnect();
process.stdout.write('completed\n');
