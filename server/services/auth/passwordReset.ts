/**
 * Password reset by e-mail: a single-use link valid one hour. Asking never reveals whether the
 * e-mail has an account. Setting the new password ends every session of the person.
 */
import type { z } from 'zod';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import type { ResetConfirm } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuthContext } from '../../auth/authContext.js';
import { consumeAuthLink, createAuthLink } from '../../auth/authLinks.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { hashPassword } from '../../auth/local/passwords.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { InvalidError } from '../../errors.js';

const RESET_LIFETIME_MS = 3_600_000;

/** Sends a reset link when the e-mail has an active local account; answers the same either way. */
export async function requestPasswordReset(ctx: AuthContext, email: string): Promise<void> {
  const credential = await LocalCredentialModel.findOne({ email }).lean();
  const person = credential ? await PersonModel.findById(credential.personId).lean() : null;
  if (!credential?.passwordHash || !person || person.status !== 'active') {
    await recordAudit(ANONYMOUS, 'auth.reset_requested', null, { sent: false });
    return;
  }
  const token = await createAuthLink(person._id, 'reset', RESET_LIFETIME_MS);
  const link = `${ctx.config.publicUrl}/reset-password#token=${token}`;
  await recordAudit(
    ANONYMOUS,
    'auth.reset_requested',
    { type: 'Person', id: String(person._id) },
    { sent: true },
  );
  // Not awaited: the answer must not take longer when the e-mail exists.
  ctx.mailer
    .send({
      to: credential.email,
      subject: 'Reset your Concordia password',
      text: `Someone asked to reset your Concordia password. If it was you, use this link within one hour (once):\n${link}\n\nIf it was not you, ignore this message.\n`,
      link,
    })
    .catch(() => undefined);
}

/** Sets a new password with a reset link; every session of the person ends. */
export async function confirmPasswordReset(input: z.infer<typeof ResetConfirm>): Promise<void> {
  const link = await consumeAuthLink(input.token, 'reset');
  if (!link) throw new InvalidError('This reset link is not valid any more; ask for a new one.');
  // The new password is stored with its entry (server/audit/auditOutbox.ts), appended once every
  // session has ended.
  await LocalCredentialModel.updateOne(
    { personId: link.personId },
    {
      $set: { passwordHash: await hashPassword(input.password), failedAttempts: 0, lockedUntil: null },
      ...auditOutboxPush(
        auditOutboxItem(ANONYMOUS, 'auth.password_reset', { type: 'Person', id: String(link.personId) }),
      ),
    },
  );
  await endPersonSessions(String(link.personId));
  const credential = await LocalCredentialModel.findOne({ personId: link.personId }, { _id: 1 }).lean();
  if (credential) await flushAuditOutbox(LocalCredentialModel as never, credential._id);
}
