import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAnchor } from '../../../server/audit/anchors.js';
import { auditKeys, configureAuditKey, type AuditKeys } from '../../../server/audit/auditKey.js';
import { sweepAuditOutbox } from '../../../server/audit/auditOutbox.js';
import { auditCommands } from '../../../server/admin/commands/audit.js';
import { ApplicationModel } from '../../../server/models/Application.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { CityModel } from '../../../server/models/City.js';
import { PersonModel } from '../../../server/models/Person.js';
import { submitApplication } from '../../../server/services/applications/submitApplication.js';
import { decideApplication } from '../../../server/services/applications/decideApplication.js';
import { resumeApprovals } from '../../../server/services/applications/completeApproval.js';
import { createHub } from '../../../server/services/hubs/createHub.js';
import { createPerson } from '../../../server/services/people/createPerson.js';
import { PRINCIPLES_VERSION } from '../../../shared/principles.js';
import { TEST_AUDIT_KEY } from '../../support/app.js';
import { resetDatabase, testDatabaseName, testDatabaseUri } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

const ENTRY = path.resolve('test/server/audit/crash/crashEntry.ts');

/** Runs one change in a child process that is killed (SIGKILL) when it reaches `point`. */
function runChild(op: { kind: string; id: string }, point: string | null) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      env: {
        ...process.env,
        CRASH_DB_URI: testDatabaseUri(),
        CRASH_DB_NAME: testDatabaseName(),
        CRASH_AUDIT_KEY: TEST_AUDIT_KEY,
        CRASH_OP: JSON.stringify(op),
        CRASH_AT: point ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

/** What a restarted server does (the sweep, twice to show it is idempotent), then `audit verify` with an anchor. */
async function restartAndVerify(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await resumeApprovals(0);
    await sweepAuditOutbox();
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'concordia-crash-')), 'anchors.log');
  await writeAnchor(auditKeys() as AuditKeys, file);
  const verify = auditCommands.find((c) => c.name === 'audit verify');
  const lines: string[] = [];
  await verify?.run(['--anchors', file], { json: false, print: (_v, human) => lines.push(human()) });
  assert.match(lines.join('\n'), /audit chain intact: \d+ entries verified against 1 anchor/);
}

/** How many entries record `action` about `id`. */
const entriesFor = (action: string, id: string) =>
  AuditEntryModel.countDocuments({ action, 'target.id': id });

/** Checks that the crash point was reached (or the run completed) as asked. */
function assertStopped(
  run: { code: number | null; signal: string | null; output: string },
  point: string | null,
) {
  if (point) assert.equal(run.signal, 'SIGKILL', `killed at ${point}: ${run.output}`);
  else assert.equal(run.code, 0, run.output);
}

async function pendingApplication(): Promise<string> {
  await createHub(OPERATOR, { slug: 'mena', name: { en: 'MENA' }, coordinatorIds: [] });
  const receipt = await submitApplication({ kind: 'anonymous' }, {
    city: { name: 'Sfax', kind: 'municipality', country: 'TN', hub: 'mena' },
    contact: { name: 'Leila Trabelsi', email: 'leila@sfax.example', position: 'Deputy mayor' },
    pledge: { version: PRINCIPLES_VERSION, accepted: true },
    message: null,
  } as never);
  return receipt.id;
}

/** The approval's outcome: one city, one invited contact as its focal point, one audit entry, nothing pending. */
async function assertApprovedOnce(id: string): Promise<void> {
  const application = await ApplicationModel.findById(id).lean();
  assert.equal(application?.status, 'approved');
  assert.ok(application?.decision?.completedAt, 'every step done');
  // Nothing pending (an empty field is left only by a kill between the removal and its clean-up).
  assert.equal((application as { auditOutbox?: unknown[] }).auditOutbox?.length ?? 0, 0, 'nothing pending');
  const cities = await CityModel.find({ slug: 'sfax' }).lean();
  assert.equal(cities.length, 1);
  const contacts = await PersonModel.find({ email: 'leila@sfax.example' }).lean();
  assert.equal(contacts.length, 1);
  assert.deepEqual(cities[0]?.focalPointIds.map(String), [String(contacts[0]?._id)]);
  assert.equal(String(contacts[0]?.cityId), String(cities[0]?._id));
  assert.equal(await entriesFor('application.approved', id), 1, 'exactly one entry');
  const entry = await AuditEntryModel.findOne({ action: 'application.approved', 'target.id': id }).lean();
  assert.deepEqual(entry?.details, { city: 'sfax', hub: 'mena', contactInvited: true });
}

describe('audit outbox and approval under a crash at each step (a child process killed with SIGKILL)', function () {
  this.timeout(120_000);

  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
  });

  const APPROVAL_POINTS = [
    'approval.claimed',
    'approval.city',
    'approval.contact',
    'approval.focal_point',
    'approval.completed',
    'outbox.written',
    'outbox.appended',
    'outbox.removed',
    null,
  ];
  for (const point of APPROVAL_POINTS)
    it(`approval ${point ? `killed at ${point}` : 'not killed'}: resumed once, one entry, chain valid`, async () => {
      const id = await pendingApplication();
      assertStopped(await runChild({ kind: 'approve', id }, point), point);
      await restartAndVerify();
      await assertApprovedOnce(id);
    });

  it('an approval killed midway is finished by the admin approving again', async () => {
    const id = await pendingApplication();
    assertStopped(await runChild({ kind: 'approve', id }, 'approval.city'), 'approval.city');
    assert.equal(await CityModel.countDocuments({ slug: 'sfax' }), 1);
    assert.equal(
      await PersonModel.countDocuments({ email: 'leila@sfax.example' }),
      0,
      'stopped before the contact',
    );
    const again = await decideApplication(OPERATOR, id, { decision: 'approve' });
    assert.equal(again.decision?.city, 'sfax');
    await assertApprovedOnce(id);
    await restartAndVerify();
    await assertApprovedOnce(id);
  });

  for (const point of ['outbox.written', 'outbox.appended', 'outbox.removed', null])
    it(`decline ${point ? `killed at ${point}` : 'not killed'}: one entry, chain valid`, async () => {
      const id = await pendingApplication();
      assertStopped(await runChild({ kind: 'decline', id }, point), point);
      assert.equal((await ApplicationModel.findById(id).lean())?.status, 'declined', 'the change is stored');
      await restartAndVerify();
      assert.equal(await entriesFor('application.declined', id), 1);
    });

  for (const point of ['outbox.written', 'outbox.appended', 'outbox.removed'])
    it(`suspension killed at ${point}: one entry, chain valid`, async () => {
      const person = await createPerson(OPERATOR, {
        name: 'Sami Haddad',
        email: 'sami@example.org',
        roles: ['practitioner'],
        languages: ['en'],
        expertise: [],
        status: 'active',
      });
      assertStopped(await runChild({ kind: 'suspend', id: person.id }, point), point);
      assert.equal((await PersonModel.findById(person.id).lean())?.status, 'suspended');
      await restartAndVerify();
      assert.equal(await entriesFor('person.status_changed', person.id), 1);
    });
});
