/** A record's text as stored, from a writer's input (absent optional sections stored empty). */
import type { z } from 'zod';
import type { LibraryText } from '../../../shared/schemas/library.js';

/** The stored text fields of `input`. */
export function storedText(input: z.infer<typeof LibraryText>) {
  return {
    title: input.title,
    summary: input.summary ?? '',
    problem: input.problem,
    approach: input.approach,
    actors: input.actors ?? '',
    resources: input.resources ?? '',
    results: input.results ?? '',
    transferability: input.transferability ?? '',
  };
}
