/**
 * The originator's access log of one document (SHARING.md, "Files"): who viewed or downloaded it, from
 * which city, which version, when, newest first. Only those the policy lets `readAudit` it (its
 * uploader, their city's focal point) read it; anyone else is told "not found".
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { DocumentAccessEntry, DocumentListQuery } from '../../../shared/schemas/documents.js';
import { AuditEntryModel, type AuditEntryDoc } from '../../models/AuditEntry.js';
import { CityModel } from '../../models/City.js';
import { PersonModel } from '../../models/Person.js';
import { readPage } from '../../db/pagination.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';

type Entry = z.infer<typeof DocumentAccessEntry>;

/** One page of the document's access log. */
export async function listDocumentAccess(actor: Actor, id: string, query: z.infer<typeof DocumentListQuery>) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  await authorizeSharing(ctx, 'readAudit', 'Document', contentSubject(item), { hide: 'Document' });
  const page = await readPage<AuditEntryDoc>(AuditEntryModel as never, {
    filters: [
      { action: { $in: ['content.viewed', 'content.downloaded'] } },
      { 'target.type': 'Document', 'target.id': String(item._id) },
    ],
    sortField: 'seq',
    direction: 'desc',
    limit: query.limit,
    cursor: query.cursor,
  });
  const personIds = [
    ...new Set(
      page.items
        .map((e) => (e.actor as { kind?: string; id?: string }).id)
        .filter((pid): pid is string => typeof pid === 'string' && /^[a-f0-9]{24}$/.test(pid)),
    ),
  ];
  const people = await PersonModel.find(
    { _id: { $in: personIds } },
    { name: 1, status: 1, cityId: 1 },
  ).lean();
  const cities = await CityModel.find(
    { _id: { $in: people.map((p) => p.cityId).filter(Boolean) } },
    { slug: 1, name: 1 },
  ).lean();
  const personById = new Map(people.map((p) => [String(p._id), p]));
  const cityById = new Map(cities.map((c) => [String(c._id), c]));
  const items: Entry[] = page.items.map((entry) => {
    const who = (entry.actor as { id?: string }).id;
    const person = who ? personById.get(who) : undefined;
    const city = person?.cityId ? cityById.get(String(person.cityId)) : undefined;
    const details = (entry.details ?? {}) as { version?: unknown };
    return {
      at: entry.at.toISOString(),
      action: entry.action === 'content.downloaded' ? 'download' : 'view',
      version: typeof details.version === 'number' ? details.version : null,
      person: person
        ? { id: String(person._id), name: person.status === 'active' ? person.name : null }
        : null,
      city: city
        ? { slug: city.slug, name: typeof city.name === 'string' ? city.name : String(city.slug) }
        : null,
    };
  });
  return { items, nextCursor: page.nextCursor };
}
