/**
 * The demo's forums: a network space and hub spaces with categories, topics and replies, made through
 * the same services as the API (authors act as themselves, so every sharing rule applies).
 */
import { z } from 'zod';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { Email, ForumCategoryCreate, ForumTopicCreate, SpaceCreate } from '../../shared/schemas/index.js';
import { PersonModel } from '../models/Person.js';
import { createCategory } from '../services/forums/createCategory.js';
import { createReply } from '../services/forums/createReply.js';
import { createTopic } from '../services/forums/createTopic.js';
import { setTopicFlag } from '../services/forums/setTopicFlag.js';
import { personActor } from '../policy/personActor.js';
import { createSpace } from '../services/spaces/createSpace.js';

const DemoTopic = ForumTopicCreate.extend({
  author: Email,
  pinnedBy: Email.optional(),
  replies: z.array(z.object({ author: Email, body: z.string().min(1) }).strict()).default([]),
}).strict();

/** One forum of the demo data: its space, categories and topics. */
export const DemoForum = z
  .object({
    space: SpaceCreate,
    categories: z.array(ForumCategoryCreate.extend({ topics: z.array(DemoTopic).default([]) }).strict()),
  })
  .strict();

async function actorOf(email: string) {
  const person = await PersonModel.findOne({ email }).lean();
  if (!person) throw new Error(`demo forums: no person ${email}`);
  return personActor(person);
}

/** Creates the demo forums. */
export async function seedForums(seeder: OperatorActor, forums: z.infer<typeof DemoForum>[]): Promise<void> {
  for (const forum of forums) {
    await createSpace(seeder, forum.space);
    for (const { topics, ...category } of forum.categories) {
      await createCategory(seeder, forum.space.slug, category);
      for (const { author, pinnedBy, replies, ...topic } of topics) {
        const made = await createTopic(await actorOf(author), forum.space.slug, category.slug, topic);
        for (const reply of replies)
          await createReply(await actorOf(reply.author), made.id, { body: reply.body });
        if (pinnedBy) await setTopicFlag(await actorOf(pinnedBy), made.id, 'pinned', true);
      }
    }
  }
}
