/** Stores a membership application from the public form. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { PRINCIPLES_VERSION } from '../../../shared/principles.js';
import type { ApplicationCreate } from '../../../shared/schemas/applications.js';
import { ApplicationModel } from '../../models/Application.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { InvalidError } from '../../errors.js';
import { hubBySlug } from '../lookups.js';

/** Validates the pledge version and the hub, stores the application, returns a receipt. */
export async function submitApplication(actor: Actor, input: z.infer<typeof ApplicationCreate>) {
  await authorize(actor, 'create', 'Application');
  if (input.pledge.version !== PRINCIPLES_VERSION) {
    throw new InvalidError(`The principles have changed: pledge version ${PRINCIPLES_VERSION}.`, [
      { path: 'pledge.version', message: `must be ${PRINCIPLES_VERSION}` },
    ]);
  }
  if (input.city.hub && !(await hubBySlug(input.city.hub))) {
    throw new InvalidError(`There is no hub "${input.city.hub}".`, [
      { path: 'city.hub', message: 'unknown hub' },
    ]);
  }
  const now = new Date();
  // Stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const applicationId = new Types.ObjectId();
  const application = new ApplicationModel({
    _id: applicationId,
    status: 'pending',
    city: { ...input.city, hub: input.city.hub ?? null },
    contact: input.contact,
    pledge: { version: input.pledge.version, pledgedAt: now },
    message: input.message ? input.message : null,
    submittedAt: now,
  });
  application.set('auditOutbox', [
    auditOutboxItem(
      actor,
      'application.submitted',
      { type: 'Application', id: String(applicationId), label: input.city.name },
      null,
    ),
  ]);
  await application.save();
  await flushAuditOutbox(ApplicationModel as never, applicationId);
  return { id: String(application._id), status: 'pending' as const, submittedAt: now.toISOString() };
}
