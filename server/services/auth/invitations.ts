/**
 * Invitations to local accounts (people without a city identity provider: experts, observers,
 * Management Unit staff). An admin or moderator sends a single-use link, valid seven days; the person
 * sets a password with it and becomes active.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { InvitationAccept } from '../../../shared/schemas/auth.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuthContext } from '../../auth/authContext.js';
import { consumeAuthLink, createAuthLink } from '../../auth/authLinks.js';
import { hashPassword } from '../../auth/local/passwords.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { authorize } from '../../policy/authorize.js';
import { InvalidError, NotFoundError } from '../../errors.js';

const INVITATION_LIFETIME_MS = 7 * 86_400_000;

/** Sends an invitation link to the person's e-mail. */
export async function invitePerson(ctx: AuthContext, actor: Actor, personId: string): Promise<void> {
  await authorize(actor, 'create', 'Invitation');
  const person = await PersonModel.findById(personId).lean();
  if (!person) throw new NotFoundError('Person');
  const credential = await LocalCredentialModel.findOne({ personId: person._id }).lean();
  if (!credential) throw new InvalidError("This person signs in through their city's identity provider.");
  if (person.status === 'suspended') throw new InvalidError('This person is suspended.');
  const token = await createAuthLink(person._id, 'invitation', INVITATION_LIFETIME_MS);
  const link = `${ctx.config.publicUrl}/accept-invitation#token=${token}`;
  await ctx.mailer.send({
    to: credential.email,
    subject: 'Your invitation to Concordia',
    text: `You are invited to Concordia, the cities' community of practice.\n\nSet your password here (valid 7 days, once):\n${link}\n`,
    link,
  });
  await recordAudit(actor, 'auth.invitation_sent', { type: 'Person', id: String(person._id) });
}

/** Sets the password from an invitation link and activates the person. */
export async function acceptInvitation(input: z.infer<typeof InvitationAccept>): Promise<void> {
  const link = await consumeAuthLink(input.token, 'invitation');
  if (!link) throw new InvalidError('This invitation link is not valid any more; ask for a new one.');
  const person = await PersonModel.findById(link.personId).lean();
  if (!person || person.status === 'suspended')
    throw new InvalidError('This invitation link is not valid any more.');
  // The password, which lets them sign in, is stored with the entry (server/audit/auditOutbox.ts);
  // it is appended once the person is active.
  await LocalCredentialModel.updateOne(
    { personId: link.personId },
    {
      $set: { passwordHash: await hashPassword(input.password), failedAttempts: 0, lockedUntil: null },
      ...auditOutboxPush(
        auditOutboxItem({ kind: 'anonymous' }, 'auth.invitation_accepted', {
          type: 'Person',
          id: String(person._id),
        }),
      ),
    },
  );
  await PersonModel.updateOne(
    { _id: person._id, status: 'invited' },
    { $set: { status: 'active', participationSince: new Date() } },
  );
  const credential = await LocalCredentialModel.findOne({ personId: link.personId }, { _id: 1 }).lean();
  if (credential) await flushAuditOutbox(LocalCredentialModel as never, credential._id);
}
