import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { configureAuditKey } from '../../../../server/audit/auditKey.js';
import { verifyAudit } from '../../../../server/audit/verifyAudit.js';
import { ApplicationModel } from '../../../../server/models/Application.js';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { CityModel } from '../../../../server/models/City.js';
import { PersonModel } from '../../../../server/models/Person.js';
import {
  completeApproval,
  resumeApprovals,
} from '../../../../server/services/applications/completeApproval.js';
import { submitApplication } from '../../../../server/services/applications/submitApplication.js';
import { createCity } from '../../../../server/services/cities/createCity.js';
import { createHub } from '../../../../server/services/hubs/createHub.js';
import { PRINCIPLES_VERSION } from '../../../../shared/principles.js';
import { TEST_AUDIT_KEY } from '../../../support/app.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR } from '../../../support/fixtures.js';

describe('resuming an interrupted approval', () => {
  let id: string;

  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
    await createHub(OPERATOR, { slug: 'mena', name: { en: 'MENA' }, coordinatorIds: [] });
    const receipt = await submitApplication({ kind: 'anonymous' }, {
      city: { name: 'Sfax', kind: 'municipality', country: 'TN', hub: 'mena' },
      contact: { name: 'Leila Trabelsi', email: 'leila@sfax.example', position: 'Deputy mayor' },
      pledge: { version: PRINCIPLES_VERSION, accepted: true },
      message: null,
    } as never);
    id = receipt.id;
  });

  /** The claim with its intent, as decideApplication writes it, and nothing after (a crash). */
  async function claimOnly(at = new Date()) {
    await ApplicationModel.updateOne(
      { _id: id },
      {
        $set: {
          status: 'approved',
          decision: {
            by: 'test setup',
            at,
            reason: null,
            citySlug: 'sfax',
            hub: 'mena',
            cityId: new Types.ObjectId(),
            contactId: new Types.ObjectId(),
            actor: { kind: 'operator', name: 'test setup' },
            completedAt: null,
          },
        },
      },
    );
  }

  it('leaves a recent claim to its request, and completes an old one once', async () => {
    await claimOnly();
    assert.equal(await resumeApprovals(60_000), 0, 'a claim younger than a minute is in progress');
    assert.equal(await resumeApprovals(0), 1);
    assert.equal(await resumeApprovals(0), 0);
    assert.equal(await completeApproval(id), false, 'nothing left to do');
    assert.equal(await CityModel.countDocuments({ slug: 'sfax' }), 1);
    assert.equal(await AuditEntryModel.countDocuments({ action: 'application.approved' }), 1);
    assert.equal((await verifyAudit()).ok, true);
  });

  it('undoes the claim when another city took the slug meanwhile, so the admin decides again', async () => {
    await claimOnly();
    await createCity(OPERATOR, {
      slug: 'sfax',
      name: 'Sfax',
      kind: 'city',
      country: 'TN',
      hub: 'mena',
      status: 'applicant',
    } as never);
    assert.equal(await resumeApprovals(0), 0);
    const application = await ApplicationModel.findById(id).lean();
    assert.equal(application?.status, 'pending');
    assert.equal(application?.decision, null);
    assert.equal(await PersonModel.countDocuments({ email: 'leila@sfax.example' }), 0, 'no contact invited');
    assert.equal(await AuditEntryModel.countDocuments({ action: 'application.approved' }), 0);
    assert.equal(await resumeApprovals(0), 0, 'and it is not tried again');
  });

  it('ignores approvals from before intents were recorded (no city id to resume with)', async () => {
    await ApplicationModel.updateOne(
      { _id: id },
      {
        $set: { status: 'approved', decision: { by: 'x', at: new Date(0), reason: null, citySlug: 'sfax' } },
      },
    );
    assert.equal(await resumeApprovals(0), 0);
    assert.equal(await CityModel.countDocuments(), 0);
  });
});
