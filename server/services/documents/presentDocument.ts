/**
 * The shape of a document sent to clients: its versions (newest first), what the actor may do with it
 * (from the authorizer alone), whether access to it is recorded, and whether files are scanned here.
 * Authorship is stripped under the Chatham House Rule, as for every content type.
 */
import type { z } from 'zod';
import { isAccessAudited } from '../../../shared/policy/labels.js';
import { asLabel } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { Document } from '../../../shared/schemas/documents.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { allows, itemAbilities } from '../../policy/authorizer.js';
import { showsAuthorship } from '../../policy/contentAuthorship.js';
import { activeNamesById, citySlugsById } from '../lookups.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { presentRetention } from './presentRetention.js';

type DocumentOut = z.infer<typeof Document>;

/** Whether files are scanned on this server; set once at start from CLAMD_URL (see app.ts). */
let scanning = false;

/** Records whether a scanner is configured, for every document answer. */
export function setScanning(configured: boolean): void {
  scanning = configured;
}

/** The versions of the documents, newest first, by document id. */
async function versionsOf(ids: DocumentDoc['_id'][]): Promise<Map<string, DocumentVersionDoc[]>> {
  const versions = (await DocumentVersionModel.find({ documentId: { $in: ids } })
    .sort({ n: -1 })
    .lean()) as DocumentVersionDoc[];
  const out = new Map<string, DocumentVersionDoc[]>();
  for (const v of versions) out.set(String(v.documentId), [...(out.get(String(v.documentId)) ?? []), v]);
  return out;
}

/** Presents documents the actor may read or moderate (the caller decided). */
export async function presentDocuments(ctx: SharingContext, items: DocumentDoc[]): Promise<DocumentOut[]> {
  const [spaces, versions, names, cities] = await Promise.all([
    spacesById(items.map((i) => i.spaceId)),
    versionsOf(items.map((i) => i._id)),
    activeNamesById(items.map((i) => i.authorId)),
    citySlugsById(
      ctx.actor,
      items.map((i) => i.authorCityId),
    ),
  ]);
  return items.map((item) => {
    const space = spaces.get(String(item.spaceId));
    const subject = item as unknown as Record<string, unknown>;
    const named = space ? showsAuthorship(space, item, ctx, 'in_space') : false;
    const own = ctx.actor.kind === 'person' && ctx.actor.id === String(item.authorId);
    const nameOf = (id: unknown) => (named ? { id: String(id), name: names.get(String(id)) ?? null } : null);
    return {
      id: String(item._id),
      space: { slug: space?.slug ?? 'unknown', name: space?.name ?? 'unknown' },
      title: item.title,
      description: item.body,
      language: item.language ?? null,
      tags: item.tags,
      label: asLabel(item.label),
      status: item.status,
      state: item.state,
      city: named && item.authorCityId ? (cities.get(String(item.authorCityId)) ?? null) : null,
      author: nameOf(item.authorId),
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
      versions: (versions.get(String(item._id)) ?? []).map((v) => ({
        n: v.n,
        fileName: v.fileName,
        size: v.size,
        sha256: v.sha256 ?? null,
        mediaType: v.mediaType ?? null,
        status: v.status,
        reason: v.reason ?? null,
        legacyOffice: v.legacyOffice,
        previews: v.status === 'clean' ? (v.previewKeys?.length ?? 0) : 0,
        note: v.note ?? null,
        label: asLabel(v.label),
        createdAt: v.createdAt.toISOString(),
        author: nameOf(v.authorId),
      })),
      accessRecorded: isAccessAudited(asLabel(item.label)),
      retention: presentRetention(item, versions.get(String(item._id)) ?? []),
      scanned: scanning,
      ...(own || allows(ctx, 'moderate', 'Document', subject)
        ? {
            moderation: item.moderation.map((m) => ({
              at: m.at.toISOString(),
              action: m.action,
              by: m.byName ?? null,
              reason: m.reason,
              from: m.from ?? null,
              to: m.to ?? null,
            })),
          }
        : {}),
      abilities: {
        ...itemAbilities(ctx, 'Document', subject),
        download: item.cleanVersion !== null && allows(ctx, 'download', 'Document', subject),
        addVersion: item.state === 'visible' && allows(ctx, 'update', 'Document', subject),
        readAccessLog: allows(ctx, 'readAudit', 'Document', subject),
        release: item.state !== 'deleted' && allows(ctx, 'moderate', 'Document', subject),
        hold: item.state !== 'deleted' && allows(ctx, 'moderate', 'Document', subject),
      },
    };
  });
}

/** Presents one document. */
export async function presentDocument(ctx: SharingContext, item: DocumentDoc): Promise<DocumentOut> {
  const [one] = await presentDocuments(ctx, [item]);
  if (!one) throw new Error('presenting failed');
  return one;
}
