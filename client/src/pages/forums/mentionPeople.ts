/**
 * People to suggest for mentions. GET /api/v1/people has no name filter, so the first 100 active
 * people the viewer may see are read once per page load and matched here by name.
 */
import { apiGet, queryString } from '../../api.js';
import type { Page } from '../../types.js';

/** A person who can be mentioned. */
export interface MentionPerson {
  id: string;
  name: string;
  city: string | null;
}

let everyone: Promise<MentionPerson[]> | null = null;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Up to 6 people whose name contains `query` (accents and case ignored). */
export async function mentionCandidates(query: string): Promise<MentionPerson[]> {
  everyone ??= apiGet<Page<MentionPerson & { status: string }>>(`/people${queryString({ limit: 100 })}`).then(
    (page) =>
      page.items.filter((p) => p.status === 'active').map(({ id, name, city }) => ({ id, name, city })),
    (error: unknown) => {
      everyone = null; // try again next time
      throw error;
    },
  );
  try {
    const wanted = fold(query.trim());
    return (await everyone).filter((person) => fold(person.name).includes(wanted)).slice(0, 6);
  } catch {
    return [];
  }
}
