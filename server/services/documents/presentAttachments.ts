/**
 * The files a post or message carries, as one reader sees them (SHARING.md, "Files"). Only files the
 * reader may read now are listed, never a count of the others: with a reader's sharing context, the
 * policy's read filter decides; for a delivery computed once for a whole room (sockets/roomDelivery.ts),
 * only files every reader of the item may read (`attachmentReadableByItemReaders`), the rest reaching
 * each reader with the room's history. An item that is not visible shows none. One query for the
 * documents and one for their versions, whatever the number of items.
 */
import type { Types } from 'mongoose';
import { liveCondition } from '../../../shared/policy/content.js';
import { attachmentReadableByItemReaders } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { AttachmentView } from '../../../shared/schemas/attachments.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { findContentByIds, loadContents } from '../../policy/contentAccess.js';

/** What presenting needs of an item that may carry files. */
export interface ItemWithFiles {
  _id: Types.ObjectId;
  spaceId: unknown;
  label: string;
  audienceIds: unknown[];
  state: string;
  topicHidden?: boolean | null;
  attachmentIds?: Types.ObjectId[] | null;
}

/** Who the attachments are for: one reader, or everyone who reads the item. */
export type AttachmentReader = SharingContext | 'every reader';

function isLive(item: { state: string; topicHidden?: boolean | null }): boolean {
  const live = liveCondition('Document') as { state: string };
  return item.state === live.state && item.topicHidden !== true;
}

/** The version a reader is shown of each document: the one a download gives, else the newest. */
async function shownVersions(documents: DocumentDoc[]): Promise<Map<string, DocumentVersionDoc>> {
  const wanted = documents.map((d) => ({ documentId: d._id, n: d.cleanVersion ?? d.versionCount }));
  if (wanted.length === 0) return new Map();
  const versions = (await DocumentVersionModel.find({ $or: wanted })
    .limit(wanted.length)
    .lean()) as DocumentVersionDoc[];
  return new Map(versions.map((v) => [String(v.documentId), v]));
}

function present(document: DocumentDoc, version: DocumentVersionDoc | undefined): AttachmentView {
  return {
    id: String(document._id),
    title: document.title,
    label: document.label,
    status: document.status,
    fileName: version?.fileName ?? null,
    size: version?.size ?? null,
    mediaType: version?.mediaType ?? null,
  };
}

/** The attachments of each item, by item id (items without any are left out of the map). */
export async function attachmentsOf(
  reader: AttachmentReader,
  items: readonly ItemWithFiles[],
): Promise<Map<string, AttachmentView[]>> {
  const result = new Map<string, AttachmentView[]>();
  const carrying = items.filter((i) => (i.attachmentIds?.length ?? 0) > 0 && isLive(i));
  if (carrying.length === 0) return result;
  const ids = [...new Set(carrying.flatMap((i) => (i.attachmentIds ?? []).map(String)))];
  const documents =
    reader === 'every reader'
      ? (await loadContents(ids, 'Document')).filter(isLive)
      : await findContentByIds(reader, ids, 'read', 'Document');
  const byId = new Map(documents.map((d) => [String(d._id), d]));
  const versions = await shownVersions(documents);
  for (const item of carrying) {
    const shown: AttachmentView[] = [];
    for (const id of item.attachmentIds ?? []) {
      const document = byId.get(String(id));
      if (!document) continue;
      if (String(document.spaceId) !== String(item.spaceId)) continue;
      if (reader === 'every reader' && !attachmentReadableByItemReaders(item, document)) continue;
      shown.push(present(document, versions.get(String(document._id))));
    }
    if (shown.length > 0) result.set(String(item._id), shown);
  }
  return result;
}
