/**
 * The attachments a composer is about to send, for {@link ComposerAttachments}: the files chosen,
 * whether an upload is still under way (the composer waits for it), and a reset after a send (which
 * also gives the attach panel a fresh start).
 */
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { attachmentRefusal, type AttachmentRefusal, type Label } from '../../../../shared/policy/labels.js';
import type { AttachmentView } from '../../../../shared/schemas/attachments.js';

/** Why the chosen files may not go with an item at some label, with the labels to name (the server decides too). */
export interface AttachmentProblem {
  reason: AttachmentRefusal;
  params: { label: Label; file: Label };
}

function asLabel(value: string): Label {
  return value as Label;
}

/** What a composer keeps of its attachments. */
export interface ComposerAttachmentsState {
  attachments: AttachmentView[];
  setAttachments: (next: AttachmentView[]) => void;
  /** True while a file is being uploaded or checked. */
  uploading: boolean;
  onBusyChange: (busy: boolean) => void;
  /** The key of the attach panel: it changes on reset. */
  panelKey: number;
  /** The ids to send with the item. */
  ids: string[];
  /** Empties the list after a send. */
  reset: () => void;
  /** The first chosen file that may not go with an item labelled `label` (said before sending). */
  problemAt: (label: Label) => AttachmentProblem | null;
  /** Why the item may not be sent yet with its files at `label`, in words, or null. */
  holdBack: (label: Label, t: TFunction) => string | null;
}

/** The attachment state of one composer. */
export function useComposerAttachments(): ComposerAttachmentsState {
  const [attachments, setAttachments] = useState<AttachmentView[]>([]);
  const [uploading, setUploading] = useState(false);
  const [panelKey, setPanelKey] = useState(0);
  const onBusyChange = useCallback((busy: boolean) => setUploading(busy), []);
  const reset = useCallback(() => {
    setAttachments([]);
    setUploading(false);
    setPanelKey((key) => key + 1);
  }, []);
  const problemAt = (label: Label): AttachmentProblem | null => {
    for (const file of attachments) {
      const reason = attachmentRefusal(label, asLabel(file.label));
      if (reason) return { reason, params: { label, file: asLabel(file.label) } };
    }
    return null;
  };
  const holdBack = (label: Label, t: TFunction): string | null => {
    if (uploading) return t('documents.attachments.waitUpload');
    const problem = problemAt(label);
    return problem ? t(`refusals.reasons.${problem.reason}`, problem.params) : null;
  };
  return {
    holdBack,
    problemAt,
    attachments,
    setAttachments,
    uploading,
    onBusyChange,
    panelKey,
    ids: attachments.map((a) => a.id),
    reset,
  };
}
