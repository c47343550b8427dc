/**
 * Reminders of due dates (issue #14, "Requests"): once when an open request is two days from its due
 * date, and once when the date has passed, its requester, experts and moderators are told. Each
 * reminder is claimed with a conditional update, so two nodes never send it twice. Run by the
 * request job (ops/offerExpiryJob.ts); returns how many reminders went out.
 */
import { DUE_STATES } from '../../../shared/policy/requestWorkflow.js';
import { ExpertRequestModel } from '../../models/ExpertRequest.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { notify } from '../notifications/notify.js';

/** How long before the due date the first reminder goes. */
const DUE_SOON_MS = 2 * 86_400_000;

/** The most requests reminded in one run (the next run takes the rest). */
const BATCH = 200;

async function remind(kind: 'due_soon' | 'overdue', now: Date): Promise<number> {
  const field = kind === 'due_soon' ? 'reminded.dueSoonAt' : 'reminded.overdueAt';
  const due = kind === 'due_soon' ? { $lt: new Date(now.getTime() + DUE_SOON_MS), $gte: now } : { $lt: now };
  const requests = await ExpertRequestModel.find({
    state: 'visible',
    status: { $in: [...DUE_STATES] },
    dueAt: due,
    [field]: null,
  })
    .limit(BATCH)
    .lean();
  let sent = 0;
  for (const request of requests) {
    const claimed = await ExpertRequestModel.updateOne(
      { _id: request._id, [field]: null },
      { $set: { [field]: now } },
    );
    if (claimed.modifiedCount === 0) continue;
    const people = [
      String(request.authorId),
      ...request.expertIds.map(String),
      ...(await moderatorIdsFor(request.spaceHubId)),
    ];
    await notify([...new Set(people)], request, `request.${kind}`, null, 'ExpertRequest');
    sent++;
  }
  return sent;
}

/** Sends the reminders due at `now`. */
export async function remindDueRequests(now = new Date()): Promise<number> {
  return (await remind('due_soon', now)) + (await remind('overdue', now));
}
