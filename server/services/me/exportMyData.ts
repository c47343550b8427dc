/**
 * A person's own data export (SHARING.md, "Leaving the platform" and "Readings settled"): their
 * profile (and expert profile, private part included), their explicit space memberships, everything
 * they wrote themselves (posts, room messages, documents with the versions they uploaded, expert
 * requests and library records, at any label, each marked with its label, also in
 * spaces they have left; quarantined and deleted items stay out), and their notifications rendered as
 * any notification is (bodies only for CLEAR and GREEN material they may read now). Never other
 * people's AMBER and above. Files are listed (name, size, SHA-256), not embedded: each clean one
 * downloads from its address while its owner may still read it.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { findContentByIds, findContentPage, type ContentDocs } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';
import { citySlugsById } from '../lookups.js';
import { renderNotifications } from '../notifications/listNotifications.js';
import { presentPosts } from '../posts/presentPost.js';
import { presentExpertProfile } from '../experts/presentExpertProfiles.js';
import { presentPerson } from '../presenters.js';
import { spacesById } from '../spaces/spaceLookups.js';

const MAX_PAGES = 20;

/** The export's file name: says what it is and when it was made, `concordia-my-data-2026-12-04.json`. */
export function exportFileName(exportedAt: string): string {
  return `concordia-my-data-${exportedAt.slice(0, 10)}.json`;
}

/** Every item of `type` the actor wrote and may export, oldest first (at most MAX_PAGES pages). */
async function ownItems<T extends ContentType>(ctx: SharingContext, type: T, authorId: string) {
  const items: ContentDocs[T][] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await findContentPage(ctx, {
      type,
      action: 'export',
      filters: [{ authorId }],
      sortField: '_id',
      limit: 100,
      cursor,
    });
    items.push(...(page.items as ContentDocs[T][]));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

/** The person's documents, each with the versions they uploaded (a clean one with its download address). */
async function exportDocuments(ctx: SharingContext, authorId: string) {
  const documents = await ownItems(ctx, 'Document', authorId);
  const versions = (await DocumentVersionModel.find({
    documentId: { $in: documents.map((d) => d._id) },
    authorId,
  })
    .sort({ n: 1 })
    .lean()) as DocumentVersionDoc[];
  const spaces = await spacesById(documents.map((d) => d.spaceId));
  return documents.map((d) => {
    const id = String(d._id);
    return {
      id,
      space: spaces.get(String(d.spaceId))?.slug ?? 'unknown',
      title: d.title,
      description: d.body,
      tags: d.tags ?? [],
      language: d.language ?? null,
      label: d.label,
      createdAt: d.createdAt.toISOString(),
      versions: versions
        .filter((v) => String(v.documentId) === id)
        .map((v) => ({
          n: v.n,
          fileName: v.fileName,
          size: v.size,
          sha256: v.sha256 ?? null,
          label: v.label,
          status: v.status,
          note: v.note ?? null,
          createdAt: v.createdAt.toISOString(),
          download: v.status === 'clean' ? `/api/v1/documents/${id}/versions/${v.n}/download` : null,
        })),
    };
  });
}

/** The documents among `ids` that the person's export may name. */
async function exportableIds(ctx: SharingContext, ids: string[]): Promise<Set<string>> {
  const documents = await findContentByIds(ctx, [...new Set(ids)], 'export', 'Document');
  return new Set(documents.map((d) => String(d._id)));
}

/** Builds the export. */
export async function exportMyData(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const person = await PersonModel.findById(actor.id).lean();
  if (!person) throw new UnauthenticatedError();
  const ownPosts = await ownItems(ctx, 'Post', actor.id);
  const presented = await presentPosts(ctx, ownPosts, 'leaves_space');
  // A forum reply's title is "Re: <topic title>": the topic's words, maybe someone else's; left out.
  // Attached files are named only when the export may hold them (one's own, or CLEAR and GREEN).
  const exportable = await exportableIds(
    ctx,
    presented.flatMap((p) => p.attachments.map((a) => a.id)),
  );
  const posts = presented.map((p, i) => ({
    ...p,
    ...(ownPosts[i]?.topicId ? { title: '' } : {}),
    attachments: p.attachments.filter((a) => exportable.has(a.id)),
  }));
  const messages = await ownItems(ctx, 'Message', actor.id);
  const rooms = await spacesById(messages.map((m) => m.spaceId));
  const memberships = await SpaceMembershipModel.find({ personId: actor.id }).lean();
  const spaces = await spacesById(memberships.map((m) => m.spaceId));
  const notifications = (await NotificationModel.find({ recipientId: actor.id })
    .sort({ _id: 1 })
    .limit(1000)
    .lean()) as NotificationDoc[];
  const expertProfile = (await ExpertProfileModel.findOne({
    personId: person._id,
  }).lean()) as ExpertProfileDoc | null;
  const expertRequests = await ownItems(ctx, 'ExpertRequest', actor.id);
  const requestRooms = await spacesById(expertRequests.map((r) => r.spaceId));
  return {
    exportedAt: new Date().toISOString(),
    note: 'Everything you wrote, at any label (each item says its label: keep AMBER and above to the people it was shared with); of other people, only what your notifications show.',
    profile: presentPerson(person, actor, await citySlugsById(actor, [person.cityId])),
    memberships: memberships.map((m) => ({
      space: spaces.get(String(m.spaceId))?.slug ?? 'unknown',
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
      leftAt: m.leftAt ? m.leftAt.toISOString() : null,
    })),
    posts,
    messages: messages.map((m) => ({
      id: String(m._id),
      room: rooms.get(String(m.spaceId))?.slug ?? 'unknown',
      threadId: m.threadId ? String(m.threadId) : null,
      label: m.label,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
    documents: await exportDocuments(ctx, actor.id),
    expertProfile: expertProfile ? await presentExpertProfile(actor, expertProfile) : null,
    expertRequests: expertRequests.map((r) => ({
      id: String(r._id),
      room: requestRooms.get(String(r.spaceId))?.slug ?? 'unknown',
      label: r.label,
      title: r.title,
      problem: r.body,
      context: r.context,
      topics: r.topics,
      formats: r.formats,
      languages: r.languages,
      urgency: r.urgency,
      status: r.status,
      deadline: r.deadline ? r.deadline.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    })),
    libraryRecords: (await ownItems(ctx, 'LibraryRecord', actor.id)).map((r) => ({
      id: String(r._id),
      label: r.label,
      title: r.title,
      summary: r.summary,
      problem: r.problem,
      approach: r.approach,
      actors: r.actors,
      resources: r.resources,
      results: r.results,
      transferability: r.transferability,
      createdAt: r.createdAt.toISOString(),
    })),
    notifications: await renderNotifications(ctx, notifications),
  };
}
