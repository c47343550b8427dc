/**
 * An admin approves or declines an application. Approval creates the member city with the pledge the
 * applicant made, and invites the contact as the city's focal point.
 *
 * Without multi-document transactions, approval is a claim that records its intent (the hub, and the
 * ids of the city and contact to create) followed by idempotent steps (completeApproval.ts): a crash
 * midway is resumed by the sweep, or by the admin approving again. A decline is one write that carries
 * its audit entry (the audit outbox, server/audit/auditOutbox.ts).
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ApplicationDecision } from '../../../shared/schemas/applications.js';
import { ApplicationModel, type ApplicationDoc } from '../../models/Application.js';
import { actorRecord } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { reached } from '../../audit/crashPoints.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, NotFoundError } from '../../errors.js';
import { cityBySlug, hubBySlug } from '../lookups.js';
import { getApplication } from './listApplications.js';
import { approvalUnfinished, completeApproval } from './completeApproval.js';
import { slugify } from './slugify.js';

function deciderName(actor: Actor): string {
  const record = actorRecord(actor);
  return record.name ?? 'unknown';
}

/** Applies the decision once; a second decision on the same application is a conflict (or resumes an unfinished approval). */
export async function decideApplication(
  actor: Actor,
  id: string,
  input: z.infer<typeof ApplicationDecision>,
) {
  // Asked before loading, so a refused caller learns nothing about which ids exist.
  await authorize(actor, 'decide', 'Application');
  const application = (await ApplicationModel.findById(id).lean()) as ApplicationDoc | null;
  if (!application) throw new NotFoundError('Application');
  await authorize(actor, 'decide', 'Application', application);
  if (input.decision === 'approve' && approvalUnfinished(application)) {
    // An approval interrupted midway: approving again finishes it as first decided.
    await completeApproval(application._id);
    return getApplication(actor, id);
  }
  if (application.status !== 'pending')
    throw new ConflictError(`This application was already ${application.status}.`);
  const decision = {
    by: deciderName(actor),
    at: new Date(),
    reason: input.reason ?? null,
    citySlug: null as string | null,
  };

  if (input.decision === 'decline') {
    const result = await ApplicationModel.updateOne(
      { _id: application._id, status: 'pending' },
      {
        $set: { status: 'declined', decision },
        ...auditOutboxPush(
          auditOutboxItem(
            actor,
            'application.declined',
            { type: 'Application', id },
            { reason: input.reason },
          ),
        ),
      },
    );
    if (result.modifiedCount !== 1) throw new ConflictError('This application was decided meanwhile.');
    await flushAuditOutbox(ApplicationModel as never, application._id);
    return getApplication(actor, id);
  }

  const hubSlug = input.hub ?? application.city.hub;
  if (!hubSlug)
    throw new InvalidError('Choose the hub of the new city.', [
      { path: 'hub', message: 'required: the application names no hub' },
    ]);
  const hub = await hubBySlug(hubSlug);
  if (!hub)
    throw new InvalidError(`There is no hub "${hubSlug}".`, [{ path: 'hub', message: 'unknown hub' }]);
  const slug = input.slug ?? slugify(application.city.name);
  if (!slug)
    throw new InvalidError('The city name gives no usable slug; choose one.', [
      { path: 'slug', message: 'required for this name' },
    ]);
  if (await cityBySlug(slug))
    throw new ConflictError(`A city with the slug "${slug}" already exists; choose another slug.`);

  const claimed = await ApplicationModel.updateOne(
    { _id: application._id, status: 'pending' },
    {
      $set: {
        status: 'approved',
        decision: {
          ...decision,
          citySlug: slug,
          hub: hubSlug,
          cityId: new Types.ObjectId(),
          contactId: new Types.ObjectId(),
          actor: actorRecord(actor),
          completedAt: null,
        },
      },
    },
  );
  if (claimed.modifiedCount !== 1) throw new ConflictError('This application was decided meanwhile.');
  reached('approval.claimed');
  await completeApproval(application._id);
  return getApplication(actor, id);
}
