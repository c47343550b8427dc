/**
 * Flags in the demo data: a reader flags a forum reply or a room message for the moderators, through
 * the same services as the API (`POST /api/v1/posts/:id/flag`, `POST /api/v1/messages/:id/flag`), so
 * the moderators' queue has material waiting and the moderators a notice.
 */
import { z } from 'zod';
import { Email } from '../../shared/schemas/index.js';
import { FLAG_REASONS } from '../../shared/schemas/posts.js';
import { flagMessage } from '../services/moderation/flagMessage.js';
import { flagPost } from '../services/moderation/flagPost.js';
import { demoActor } from './demoActors.js';

/** Who flags a demo item, and why. */
export const DemoFlag = z
  .object({ by: Email, reason: z.enum(FLAG_REASONS), note: z.string().min(1).max(2000).optional() })
  .strict();

/** One demo flag. */
export type DemoFlagInput = z.infer<typeof DemoFlag>;

/** Flags the post (a forum topic or reply) `id`. */
export async function flagDemoPost(flag: DemoFlagInput, id: string): Promise<void> {
  await flagPost(await demoActor(flag.by), id, { reason: flag.reason, note: flag.note });
}

/** Flags the room message `id`. */
export async function flagDemoMessage(flag: DemoFlagInput, id: string): Promise<void> {
  await flagMessage(await demoActor(flag.by), id, { reason: flag.reason, note: flag.note });
}
