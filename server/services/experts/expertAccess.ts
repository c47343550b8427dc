/**
 * The Expert Pool's checks for services: each asks a named rule of shared/policy/experts.ts and, on a
 * refusal, records it in the audit log as every refused authorisation is, then throws (anonymous
 * callers are told to sign in).
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { mayBrowseExperts, mayKeepExpertProfile, mayVerifyExperts } from '../../../shared/policy/experts.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { ForbiddenError, UnauthenticatedError } from '../../errors.js';

type ExpertAction = 'keepProfile' | 'browse' | 'verify';

const RULES: Record<ExpertAction, { allowed: (actor: Actor) => boolean; reason: string; message: string }> = {
  keepProfile: {
    allowed: mayKeepExpertProfile,
    reason: 'not_an_expert',
    message: 'Only members of the Expert Pool keep an expert profile.',
  },
  browse: {
    allowed: mayBrowseExperts,
    reason: 'forbidden',
    message: 'The experts directory is for the network’s members.',
  },
  verify: {
    allowed: mayVerifyExperts,
    reason: 'forbidden',
    message: 'Only the Management Unit verifies experts.',
  },
};

/** Throws unless the actor may do `action`; the refusal is audited. */
export async function requireExpertRight(actor: Actor, action: ExpertAction, id?: string): Promise<void> {
  const rule = RULES[action];
  if (rule.allowed(actor)) return;
  await recordAudit(actor, 'authz.refused', id ? { type: 'ExpertProfile', id } : { type: 'ExpertProfile' }, {
    action,
    field: null,
  });
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError(rule.message, rule.reason === 'forbidden' ? undefined : { reason: rule.reason });
}
