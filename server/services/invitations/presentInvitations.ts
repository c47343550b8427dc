/** Presents invitations for a viewer: the space, the invitee, who invited, and what the viewer may do. */
import type { z } from 'zod';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { SpaceInvitation } from '../../../shared/schemas/invitations.js';
import type { SpaceInvitationDoc } from '../../models/SpaceInvitation.js';
import { allows } from '../../policy/authorizer.js';
import { activeNamesById } from '../lookups.js';
import { spacesById } from '../spaces/spaceLookups.js';

const OBJECT_ID = /^[a-f0-9]{24}$/;

/** The invitations as the API returns them (those whose space is gone are left out). */
export async function presentInvitations(
  ctx: SharingContext,
  docs: SpaceInvitationDoc[],
): Promise<z.infer<typeof SpaceInvitation>[]> {
  const [spaces, names] = await Promise.all([
    spacesById(docs.map((d) => d.spaceId)),
    activeNamesById([
      ...docs.map((d) => d.personId),
      ...docs.map((d) => d.invitedBy).filter((id) => OBJECT_ID.test(id)),
    ]),
  ]);
  const viewer = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  return docs.flatMap((d) => {
    const space = spaces.get(String(d.spaceId));
    if (!space) return [];
    const pending = d.status === 'pending';
    return [
      {
        id: String(d._id),
        space: {
          slug: space.slug,
          name: space.name,
          kind: space.kind,
          ceiling: space.ceiling,
          chathamHouse: space.chathamHouse,
          leadersOnly: space.leadersOnly,
        },
        person: { id: String(d.personId), name: names.get(String(d.personId)) ?? null },
        invitedBy: { id: d.invitedBy, name: names.get(d.invitedBy) ?? null },
        role: d.role,
        status: d.status,
        createdAt: d.invitedAt.toISOString(),
        decidedAt: d.decidedAt ? d.decidedAt.toISOString() : null,
        abilities: {
          answer: pending && viewer === String(d.personId),
          revoke:
            pending && allows(ctx, 'manageMembers', 'Space', space as unknown as Record<string, unknown>),
        },
      },
    ];
  });
}

/** One invitation presented (it exists: its space is never deleted). */
export async function presentInvitation(ctx: SharingContext, doc: SpaceInvitationDoc) {
  const [one] = await presentInvitations(ctx, [doc]);
  if (!one) throw new Error('presenting failed');
  return one;
}
