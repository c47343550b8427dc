/**
 * What happens to a stored version once its file is checked (SHARING.md, "Spillage and moderation"):
 * an infected file moves to the isolated store and its document is quarantined by the virus scanner
 * through the kernel (the uploader and the hub's moderators are told) with a `malware` flag in the
 * hub's review queue; a file too large to scan is flagged `unscannable` and waits for a moderator's
 * audited release. Both are recorded in the audit log.
 */
import type { OperatorActor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { moveFile } from '../../files/fileStore.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { FlagModel } from '../../models/Flag.js';
import { isDuplicateKey } from '../../errors.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { changeContentState } from '../content/moderateContent.js';
import { QUARANTINE } from '../moderation/moderationStep.js';
import { notify } from '../notifications/notify.js';
import type { FileOutcome } from './checkFile.js';
import { DOCUMENT_KIND } from './documentKind.js';

/** The virus scanner, as moderation histories and the audit log name it. */
export const VIRUS_SCANNER: OperatorActor = { kind: 'operator', name: 'virus scanner' };

/** Puts the document in its hub's review queue for `reason` (once per document and reason). */
async function flagForModerators(document: DocumentDoc, reason: 'malware' | 'unscannable', note: string) {
  try {
    await FlagModel.create({
      itemType: 'Document',
      postId: document._id,
      spaceHubId: document.spaceHubId ?? null,
      // The uploader's id keeps one flag per document; the note says the scanner raised it.
      flaggedBy: document.authorId,
      reason,
      note,
      state: 'open',
      createdAt: new Date(),
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Holds an infected or unscannable version as described in the file comment; does nothing for others. */
export async function holdFile(
  document: DocumentDoc,
  version: { n: number; fileKey: string },
  outcome: FileOutcome,
): Promise<void> {
  const target = { type: 'Document', id: String(document._id), label: document.label };
  if (outcome.status === 'infected') {
    await moveFile(version.fileKey, 'uploads', 'isolated');
    // The version is isolated with its entry (server/audit/auditOutbox.ts).
    const isolated = await DocumentVersionModel.findOneAndUpdate(
      { documentId: document._id, n: version.n },
      {
        $set: { bucket: 'isolated' },
        ...auditOutboxPush(
          auditOutboxItem(VIRUS_SCANNER, 'document.infected', target, {
            version: version.n,
            signature: outcome.signature,
          }),
        ),
      },
    ).lean();
    if (isolated) await flushAuditOutbox(DocumentVersionModel as never, isolated._id);
    else
      await recordAudit(VIRUS_SCANNER, 'document.infected', target, {
        version: version.n,
        signature: outcome.signature,
      });
    if (document.state === 'visible')
      await changeContentState(
        DOCUMENT_KIND,
        VIRUS_SCANNER,
        String(document._id),
        `The virus scanner found ${outcome.signature ?? 'malware'} in version ${version.n}.`,
        QUARANTINE,
      );
    // After the quarantine (which closes open flags): the flag stays open for a moderator's decision.
    await flagForModerators(
      document,
      'malware',
      `Found by the virus scanner: ${outcome.signature ?? 'unknown'}`,
    );
    return;
  }
  if (outcome.status === 'unscannable') {
    await recordAudit(VIRUS_SCANNER, 'document.unscannable', target, { version: version.n });
    await flagForModerators(
      document,
      'unscannable',
      `Version ${version.n} is larger than the virus scanner takes; a moderator decides whether to release it.`,
    );
    await notify(
      await moderatorIdsFor(document.spaceHubId),
      document,
      'document.flagged',
      'unscannable',
      'Document',
    );
  }
}
