/**
 * The demo's forums: the network space and a space per hub (each hub's forum, and its room: every
 * space is a room) with categories, a pinned welcome, topics and replies, made through the same
 * services as the API (authors act as themselves, so every sharing rule applies). `@{e-mail}` in a
 * text mentions that person; a reply may carry a reader's flag for the moderators.
 */
import { z } from 'zod';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { Email, ForumCategoryCreate, ForumTopicCreate, SpaceCreate } from '../../shared/schemas/index.js';
import { HubModel } from '../models/Hub.js';
import { SpaceModel } from '../models/Space.js';
import { ConflictError } from '../errors.js';
import { createCategory } from '../services/forums/createCategory.js';
import { createReply } from '../services/forums/createReply.js';
import { createTopic } from '../services/forums/createTopic.js';
import { setTopicFlag } from '../services/forums/setTopicFlag.js';
import { createSpace } from '../services/spaces/createSpace.js';
import { demoActor, withMentions } from './demoActors.js';
import { DemoFlag, flagDemoPost } from './demoFlags.js';

const DemoReply = z.object({ author: Email, body: z.string().min(1), flag: DemoFlag.optional() }).strict();

const DemoTopic = ForumTopicCreate.extend({
  author: Email,
  pinnedBy: Email.optional(),
  replies: z.array(DemoReply).default([]),
}).strict();

/** One forum of the demo data: its space, categories and topics. */
export const DemoForum = z
  .object({
    space: SpaceCreate,
    categories: z.array(ForumCategoryCreate.extend({ topics: z.array(DemoTopic).default([]) }).strict()),
  })
  .strict();

/**
 * Creates the space, or, for a hub whose space came with it (the hub was created with its forum and
 * room), takes that space; returns its slug.
 */
export async function ensureSpace(
  seeder: OperatorActor,
  space: z.infer<typeof SpaceCreate>,
): Promise<string> {
  if (space.kind === 'hub' && space.hub) {
    const hub = await HubModel.findOne({ slug: space.hub }, { _id: 1 }).lean();
    const existing = hub
      ? await SpaceModel.findOne({ kind: 'hub', hubId: hub._id }, { slug: 1 }).lean()
      : null;
    if (existing) return existing.slug;
  }
  return (await createSpace(seeder, space)).slug as string;
}

/** Creates the demo forums; returns the slug each forum's space has (by the slug the data gives). */
export async function seedForums(
  seeder: OperatorActor,
  forums: z.infer<typeof DemoForum>[],
): Promise<Map<string, string>> {
  const slugs = new Map<string, string>();
  for (const forum of forums) {
    const slug = await ensureSpace(seeder, forum.space);
    slugs.set(forum.space.slug ?? slug, slug);
    for (const { topics, ...category } of forum.categories) {
      await createCategory(seeder, slug, category).catch((error: unknown) => {
        // A hub's space that came with the hub may have this category already.
        if (!(error instanceof ConflictError)) throw error;
      });
      for (const { author, pinnedBy, replies, ...topic } of topics) {
        const made = await createTopic(await demoActor(author), slug, category.slug, {
          ...topic,
          body: await withMentions(topic.body),
        });
        for (const reply of replies) {
          const written = await createReply(await demoActor(reply.author), made.id, {
            body: await withMentions(reply.body),
          });
          if (reply.flag) await flagDemoPost(reply.flag, written.id);
        }
        if (pinnedBy) await setTopicFlag(await demoActor(pinnedBy), made.id, 'pinned', true);
      }
    }
  }
  return slugs;
}
