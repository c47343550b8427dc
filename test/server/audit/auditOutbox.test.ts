import assert from 'node:assert/strict';
import { configureAuditKey } from '../../../server/audit/auditKey.js';
import {
  auditOutboxItem,
  auditOutboxPush,
  processAuditOutbox,
  sweepAuditOutbox,
} from '../../../server/audit/auditOutbox.js';
import { ERASURE_ACTION, pseudonymiseAudit } from '../../../server/audit/pseudonymiseAudit.js';
import { recordAudit } from '../../../server/audit/recordAudit.js';
import { verifyAudit } from '../../../server/audit/verifyAudit.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { PersonModel } from '../../../server/models/Person.js';
import { createPerson } from '../../../server/services/people/createPerson.js';
import { TEST_AUDIT_KEY } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

describe('the audit outbox: a change and its entry stored together, appended once', () => {
  let personId: string;

  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
    const person = await createPerson(OPERATOR, {
      name: 'Nadia Benali',
      email: 'nadia@example.org',
      roles: ['practitioner'],
      languages: ['en'],
      expertise: [],
      status: 'active',
    });
    personId = person.id;
  });

  /** A change written with its pending entry, as the services do, left unprocessed (a crash). */
  async function changeLeftPending(status: 'suspended' | 'active') {
    const item = auditOutboxItem(
      OPERATOR,
      'person.status_changed',
      { type: 'Person', id: personId },
      { to: status },
    );
    await PersonModel.updateOne({ _id: personId }, { $set: { status }, ...auditOutboxPush(item) });
    return item;
  }

  it('stores the entry with the change, appends it once however many processors run, then drops the field', async () => {
    const item = await changeLeftPending('suspended');
    const pending = await PersonModel.findById(personId).lean();
    assert.equal((pending as { auditOutbox?: unknown[] }).auditOutbox?.length, 1, 'stored with the change');
    const runs = await Promise.all([1, 2, 3].map(() => processAuditOutbox(PersonModel as never, personId)));
    assert.equal(new Set(runs.flat()).size, 1, 'every run names the same entry');
    const entries = await AuditEntryModel.find({ outboxId: item.id }).lean();
    assert.equal(entries.length, 1);
    assert.deepEqual(entries[0]?.details, { to: 'suspended' });
    assert.equal(entries[0]?.at.getTime(), item.at.getTime(), 'dated when the change was made');
    const after = await PersonModel.findById(personId).lean();
    assert.equal('auditOutbox' in (after ?? {}), false, 'gone once appended');
    assert.deepEqual(await processAuditOutbox(PersonModel as never, personId), [], 'nothing left');
  });

  it('refuses a second entry from the same outbox record even when appended directly', async () => {
    const item = await changeLeftPending('suspended');
    await processAuditOutbox(PersonModel as never, personId);
    await PersonModel.updateOne({ _id: personId }, auditOutboxPush(item));
    await processAuditOutbox(PersonModel as never, personId);
    assert.equal(await AuditEntryModel.countDocuments({ outboxId: item.id }), 1);
    await assert.rejects(
      AuditEntryModel.create({
        ...(await AuditEntryModel.findOne({ outboxId: item.id }).lean()),
        _id: undefined,
        seq: 99,
      }),
      /duplicate key/i,
    );
  });

  it('the sweep finds what a crash left behind, in order, in every collection with an outbox', async () => {
    await changeLeftPending('suspended');
    await changeLeftPending('active');
    assert.equal(await sweepAuditOutbox(), 2);
    assert.equal(await sweepAuditOutbox(), 0);
    const changes = await AuditEntryModel.find({ action: 'person.status_changed' }).sort({ seq: 1 }).lean();
    assert.deepEqual(
      changes.map((e) => (e.details as { to: string }).to),
      ['suspended', 'active'],
    );
    assert.equal((await verifyAudit()).ok, true);
  });

  it('erasure pseudonymises entries appended from an outbox and the keyed chain still verifies', async () => {
    const person = { kind: 'person', id: personId, name: 'Nadia Benali', roles: [], cityId: null } as never;
    const item = auditOutboxItem(
      person,
      'person.status_changed',
      { type: 'Person', id: personId, label: 'Nadia Benali' },
      {
        email: 'nadia@example.org',
      },
    );
    await PersonModel.updateOne({ _id: personId }, auditOutboxPush(item));
    await sweepAuditOutbox();
    const erasure = await recordAudit(OPERATOR, ERASURE_ACTION, { type: 'Person', id: personId });
    const result = await pseudonymiseAudit(personId, erasure);
    assert.ok(result.pseudonymised >= 1);
    const entry = await AuditEntryModel.findOne({ outboxId: item.id }).lean();
    assert.equal((entry?.actor as { name: unknown }).name, null);
    assert.equal((entry?.details as { email: unknown }).email, null);
    assert.equal(entry?.alg, 'hmac-sha256');
    assert.deepEqual(await verifyAudit(), { ok: true, entries: await AuditEntryModel.countDocuments() });
  });
});
