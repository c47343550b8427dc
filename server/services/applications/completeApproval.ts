/**
 * The steps of an approval after its claim, each idempotent, so a crash anywhere is resumed by running
 * them again (on the admin's retry, or by the sweep: ops/auditOutboxJob.ts). The claim recorded the
 * intent on the application: the hub, and the ids the city and the invited contact are created under.
 * 1. the city, under its id (already there: done); 2. the contact, upserted by address with its id on
 * insert (so "invited" is still known on a resume); 3. the contact as the city's focal point;
 * 4. `completedAt` with the `application.approved` audit entry, in one write (the audit outbox).
 * If the slug was taken by another city meanwhile (or the hub is gone), the claim is undone and the
 * admin decides again.
 */
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { ApplicationModel, type ApplicationDoc } from '../../models/Application.js';
import { CityModel } from '../../models/City.js';
import { PersonModel } from '../../models/Person.js';
import { auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { reached } from '../../audit/crashPoints.js';
import { ConflictError, isDuplicateKey } from '../../errors.js';
import { hubBySlug } from '../lookups.js';

/** What the claim recorded for the steps to follow. */
interface ApprovalIntent {
  cityId: Types.ObjectId;
  contactId: Types.ObjectId;
  slug: string;
  hub: string;
  at: Date;
  actor: Record<string, unknown>;
}

/** The intent of an approval whose steps are not all done, or null. */
function unfinishedIntent(application: ApplicationDoc): ApprovalIntent | null {
  const d = application.decision;
  if (application.status !== 'approved' || !d || d.completedAt) return null;
  if (!d.cityId || !d.contactId || !d.citySlug || !d.hub) return null;
  const actor = (d.actor ?? { kind: 'anonymous' }) as Record<string, unknown>;
  return { cityId: d.cityId, contactId: d.contactId, slug: d.citySlug, hub: d.hub, at: d.at, actor };
}

/** An approval claimed with its intent whose steps are not all done. */
export function approvalUnfinished(application: ApplicationDoc): boolean {
  return unfinishedIntent(application) !== null;
}

/** Undoes the claim (the slug is another city's now), unless a later step already began. */
async function undoClaim(application: ApplicationDoc, intent: ApprovalIntent): Promise<void> {
  await ApplicationModel.updateOne(
    { _id: application._id, status: 'approved', 'decision.cityId': intent.cityId },
    { $set: { status: 'pending', decision: null } },
  );
}

/** Step 1: the city, under the id chosen at the claim. */
async function ensureCity(application: ApplicationDoc, intent: ApprovalIntent): Promise<void> {
  const cityId = intent.cityId;
  if (await CityModel.exists({ _id: cityId })) return;
  const hub = await hubBySlug(intent.hub);
  if (!hub) {
    await undoClaim(application, intent);
    throw new ConflictError(`There is no hub "${intent.hub}" any more; choose another.`);
  }
  try {
    await CityModel.create({
      _id: cityId,
      slug: intent.slug,
      name: application.city.name,
      kind: application.city.kind,
      country: application.city.country,
      hubId: hub._id,
      status: 'member',
      pledge: {
        version: application.pledge.version,
        pledgedBy: `${application.contact.name} (${application.contact.position})`,
        pledgedAt: application.pledge.pledgedAt,
      },
      memberSince: intent.at,
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // A concurrent resume created it; otherwise the slug is another city's.
    if (await CityModel.exists({ _id: cityId })) return;
    await undoClaim(application, intent);
    throw new ConflictError(`A city with the slug "${intent.slug}" already exists; choose another slug.`);
  }
}

/** Step 2: the contact, unless a person with the address exists; true when the contact is the one invited here. */
async function ensureContact(application: ApplicationDoc, intent: ApprovalIntent): Promise<boolean> {
  const { contactId, cityId } = intent;
  try {
    await PersonModel.updateOne(
      { email: application.contact.email },
      {
        $setOnInsert: {
          _id: contactId,
          name: application.contact.name,
          email: application.contact.email,
          cityId,
          organisation: null,
          roles: ['focal_point'],
          position: application.contact.position,
          languages: [],
          expertise: [],
          status: 'invited',
        },
      },
      { upsert: true },
    );
  } catch (error) {
    // A concurrent resume inserted it first.
    if (!isDuplicateKey(error)) throw error;
  }
  return (await PersonModel.exists({ _id: contactId })) !== null;
}

/**
 * Runs the approval's remaining steps; true when this call completed it, false when there was
 * nothing left to do. Throws ConflictError (after undoing the claim) when the slug was taken.
 */
export async function completeApproval(applicationId: Types.ObjectId | string): Promise<boolean> {
  const application = (await ApplicationModel.findById(applicationId).lean()) as ApplicationDoc | null;
  const intent = application ? unfinishedIntent(application) : null;
  if (!application || !intent) return false;
  const cityId = intent.cityId;
  await ensureCity(application, intent);
  reached('approval.city');
  const invited = await ensureContact(application, intent);
  reached('approval.contact');
  if (invited) await CityModel.updateOne({ _id: cityId }, { $addToSet: { focalPointIds: intent.contactId } });
  reached('approval.focal_point');
  const done = await ApplicationModel.updateOne(
    { _id: application._id, status: 'approved', 'decision.cityId': cityId, 'decision.completedAt': null },
    {
      $set: { 'decision.completedAt': new Date() },
      ...auditOutboxPush({
        id: randomUUID(),
        at: new Date(),
        actor: intent.actor,
        action: 'application.approved',
        target: { type: 'Application', id: String(application._id) },
        details: { city: intent.slug, hub: intent.hub, contactInvited: invited },
      }),
    },
  );
  reached('approval.completed');
  await flushAuditOutbox(ApplicationModel as never, application._id);
  return done.modifiedCount === 1;
}

/** Resumes approvals left unfinished for longer than `olderThanMs` (a crash midway); returns how many were completed. */
export async function resumeApprovals(olderThanMs = 60_000, now = new Date()): Promise<number> {
  const stuck = await ApplicationModel.find(
    {
      status: 'approved',
      'decision.cityId': { $ne: null },
      'decision.completedAt': null,
      'decision.at': { $lte: new Date(now.getTime() - olderThanMs) },
    },
    { _id: 1 },
  ).lean();
  let completed = 0;
  for (const { _id } of stuck) {
    try {
      if (await completeApproval(_id)) completed += 1;
    } catch (error) {
      // A taken slug undid the claim (the admin decides again); anything else is retried next time.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return completed;
}
