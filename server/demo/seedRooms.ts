/**
 * The demo's rooms: new spaces (a mayors' peer room, the ISC committee, a city's own space) with their
 * members, and messages in them and in the hub forums' spaces (every space is a room). Made through
 * the same services as the API: a person who creates a room owns it and adds its members
 * (`POST /api/v1/spaces`, `POST /api/v1/spaces/:space/members`), authors send their own messages
 * (`message:send`), so the policy decides each step (a leaders-only room admits mayors only, a label
 * above the ceiling is refused). `@{e-mail}` in a message mentions that person; a message may carry a
 * reader's flag.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { LABELS } from '../../shared/policy/labels.js';
import { SPACE_ROLES } from '../../shared/policy/spaces.js';
import { Email, Slug, SpaceCreate } from '../../shared/schemas/index.js';
import { SpaceModel } from '../models/Space.js';
import { sendMessage } from '../services/rooms/sendMessage.js';
import { addSpaceMember } from '../services/spaces/addSpaceMember.js';
import { createSpace } from '../services/spaces/createSpace.js';
import { demoActor, demoPersonId, withMentions } from './demoActors.js';
import { DemoFlag, flagDemoMessage } from './demoFlags.js';

const DemoMessage = z
  .object({
    author: Email,
    body: z.string().min(1),
    label: z.enum(LABELS).optional(),
    flag: DemoFlag.optional(),
  })
  .strict();

/** One room of the demo data: a new space, or a demo forum's space (by the slug the data gives it). */
export const DemoRoom = z
  .object({
    space: SpaceCreate.optional(),
    forum: Slug.optional(),
    /** Who creates the new space and owns it (the seeder when absent). */
    createdBy: Email.optional(),
    members: z
      .array(z.object({ person: Email, role: z.enum(SPACE_ROLES).default('member') }).strict())
      .default([]),
    messages: z.array(DemoMessage).default([]),
  })
  .strict()
  .refine((room) => Boolean(room.space) !== Boolean(room.forum), {
    message: 'a demo room is either a new space or a demo forum',
  });

async function roomSlug(
  seeder: OperatorActor,
  room: z.infer<typeof DemoRoom>,
  forums: Map<string, string>,
): Promise<string> {
  if (room.forum) {
    const slug = forums.get(room.forum);
    if (!slug) throw new Error(`demo rooms: no demo forum ${room.forum}`);
    return slug;
  }
  if (!room.space) throw new Error('demo rooms: a room needs a space or a forum');
  const creator = room.createdBy ? await demoActor(room.createdBy) : seeder;
  return (await createSpace(creator, room.space)).slug as string;
}

/** Creates the demo rooms, their members and messages; `forums` maps demo forum slugs to their spaces. */
export async function seedRooms(
  seeder: OperatorActor,
  rooms: z.infer<typeof DemoRoom>[],
  forums: Map<string, string>,
): Promise<void> {
  for (const room of rooms) {
    const slug = await roomSlug(seeder, room, forums);
    const owner = room.createdBy ? await demoActor(room.createdBy) : seeder;
    for (const member of room.members)
      await addSpaceMember(owner, slug, { person: await demoPersonId(member.person), role: member.role });
    const space = await SpaceModel.findOne({ slug }, { _id: 1 }).lean();
    if (!space) throw new Error(`demo rooms: no space ${slug}`);
    for (const message of room.messages) {
      const sent = await sendMessage(await demoActor(message.author), {
        roomId: String(space._id),
        clientId: randomUUID(),
        body: await withMentions(message.body),
        ...(message.label ? { label: message.label } : {}),
      });
      if (message.flag) await flagDemoMessage(message.flag, String(sent.message._id));
    }
  }
}
