/**
 * One resumable upload (tus 1.0 through tus-js-client) and where it stands, for the new-document and
 * new-version forms. The file goes in chunks of the server's size; every request carries the session's
 * CSRF token. A dropped link is retried by itself: at once and then with growing waits while the browser
 * is online; when the browser goes offline the request is stopped, and the upload goes on from the
 * server's offset (HEAD) as soon as it is back; a chunk stalled for a minute is sent again the same
 * way. An upload interrupted by a reload or a closed tab resumes from the server's offset when the same
 * person picks the same file for the same place with the same fields (tus-js-client's fingerprints).
 * Pause and resume keep the upload; cancel ends it on the server (tus termination). Once the last byte
 * is in, the server checks the file; the document is then read every 1.5 s until its status is final,
 * and that is the outcome (a refusal comes back as the last chunk's problem document).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Upload, type DetailedError, type PreviousUpload } from 'tus-js-client';
import { ApiError } from '../../api.js';
import { csrfToken, rememberCsrfToken } from '../../auth/csrf.js';
import type { RefusalSource } from '../../errors/refusal.js';
import { regionalLocale } from '../../format.js';
import { sourceOfTusResponse } from './documentRefusal.js';
import {
  documentKeys,
  fetchDocument,
  POLL_MS,
  UPLOAD_ENDPOINT,
  type DocumentView,
  type UploadSettingsView,
} from './documentsApi.js';
import {
  formatPercent,
  isSettled,
  nextMilestone,
  percentOf,
  sameMetadata,
  uploadFingerprint,
} from './uploadHelpers.js';

/** Waits before each automatic retry while the browser is online (ms): about five minutes in all. */
export const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000, 60_000, 60_000, 60_000];

/** How long a running upload may go without moving a byte before it is sent again (ms). */
const STALL_MS = 60_000;

/** The header of the creation answer that names the document the upload fills. */
const DOCUMENT_HEADER = 'Concordia-Document-Id';

/** Where an upload stands. */
export type UploadPhase =
  | { kind: 'idle' }
  | { kind: 'uploading' | 'paused' | 'reconnecting'; fileName: string; sent: number; total: number }
  /** Every byte is in; the server is checking the file. */
  | { kind: 'checking'; fileName: string; total: number }
  /** The server's verdict (`document` null when the server named no document to read it from). */
  | { kind: 'finished'; fileName: string; document: DocumentView | null }
  /** Refused, or stopped for good; `resumable` when "try again" may pick up where it stopped. */
  | {
      kind: 'failed';
      fileName: string;
      source: RefusalSource;
      resumable: boolean;
      sent: number;
      total: number;
    }
  /** Cancel was pressed: the server is asked to end the upload (the page should not be left yet). */
  | { kind: 'cancelling'; fileName: string }
  | { kind: 'cancelled'; fileName: string };

/** Where an upload goes and with which fields. */
export interface UploadTarget {
  /** `space:<slug>` or `document:<id>`: part of the fingerprint an unfinished upload resumes by. */
  key: string;
  /** The tus `Upload-Metadata`. */
  metadata: Record<string, string>;
}

/** What the forms do with an upload. */
export interface TusUpload {
  phase: UploadPhase;
  /** The last thing said to screen readers (milestones, pauses, the link dropping and coming back). */
  announcement: string;
  /** Whether an upload is under way (the form waits). */
  busy: boolean;
  start: (file: File, target: UploadTarget) => Promise<void>;
  /** Pauses a running upload, or resumes a paused one (or one that stopped on a network failure). */
  pauseOrResume: () => void;
  /** Ends the upload and removes it from the server. */
  cancel: () => Promise<void>;
}

/** What one upload keeps beside tus-js-client's object. */
interface Run {
  upload: Upload;
  fileName: string;
  total: number;
  sent: number;
  documentId: string | null;
  /** The last milestone (percent) announced. */
  milestone: number;
  /** When the last byte moved (or the upload started or resumed), for the stall check. */
  movedAt: number;
  paused: boolean;
  stopped: boolean;
  /** Offline: the upload starts again when the browser is back online. */
  waitingForOnline: boolean;
  reconnecting: boolean;
  csrfRenewed: boolean;
}

const STORAGE_PREFIX = 'concordia.upload.document:';

/** Remembers which document an upload address fills, so a resumed upload can still be followed. */
function rememberDocument(uploadUrl: string, documentId: string): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + uploadUrl, documentId);
  } catch {
    // storage unavailable (private mode): a resumed upload's outcome is then read from the list
  }
}

function storedDocument(uploadUrl: string | null): string | null {
  if (!uploadUrl) return null;
  try {
    return localStorage.getItem(STORAGE_PREFIX + uploadUrl);
  } catch {
    return null;
  }
}

function forgetDocument(uploadUrl: string | null): void {
  if (!uploadUrl) return;
  try {
    localStorage.removeItem(STORAGE_PREFIX + uploadUrl);
  } catch {
    // nothing stored
  }
}

/** The status of the response a tus error carries (0: none came, the network failed). */
function statusOf(error: DetailedError | Error): number {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  return response?.getStatus() ?? 0;
}

function bodyOf(error: DetailedError | Error): string | undefined {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  try {
    return response?.getBody();
  } catch {
    return undefined;
  }
}

/** Whether the browser says it is offline. */
const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A resumable upload for a signed-in `person`, in the server's chunk size. */
export function useTusUpload(settings: UploadSettingsView, person: string): TusUpload {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const run = useRef<Run | null>(null);
  // Callbacks of a running upload outlive renders: they read the current words through refs.
  const words = useRef({ t, locale: regionalLocale(i18n.resolvedLanguage ?? 'en') });
  words.current = { t, locale: regionalLocale(i18n.resolvedLanguage ?? 'en') };

  const say = useCallback((key: string, values: Record<string, string | number> = {}) => {
    setAnnouncement(words.current.t(key, values));
  }, []);

  /** Shows `current` as uploading, paused or reconnecting, from its own flags. */
  const showProgress = useCallback((current: Run) => {
    if (run.current !== current) return;
    if (!current.paused && !current.reconnecting && current.total > 0 && current.sent >= current.total) {
      // Every byte is sent: the server checks the file before it answers the last chunk.
      setPhase({ kind: 'checking', fileName: current.fileName, total: current.total });
      return;
    }
    const kind = current.paused ? 'paused' : current.reconnecting ? 'reconnecting' : 'uploading';
    setPhase({ kind, fileName: current.fileName, sent: current.sent, total: current.total });
  }, []);

  const lostLink = useCallback(
    (current: Run) => {
      if (current.reconnecting || current.paused || current.stopped) return;
      current.reconnecting = true;
      showProgress(current);
      say('documents.upload.announce.reconnecting');
    },
    [say, showProgress],
  );

  const fail = useCallback((current: Run, source: RefusalSource, resumable: boolean) => {
    if (run.current !== current) return;
    current.reconnecting = false;
    setPhase({
      kind: 'failed',
      fileName: current.fileName,
      source,
      resumable,
      sent: current.sent,
      total: current.total,
    });
  }, []);

  /** Reads the document until the server has finished checking the file, then shows the outcome. */
  const follow = useCallback(
    async (current: Run) => {
      setPhase({ kind: 'checking', fileName: current.fileName, total: current.total });
      say('documents.upload.announce.checking', { file: current.fileName });
      const id = current.documentId;
      let document: DocumentView | null = null;
      while (id && !current.stopped) {
        try {
          const read = await fetchDocument(id);
          if (isSettled(read.status)) {
            document = read;
            break;
          }
        } catch (error) {
          // Refused files leave no document behind: the answer that said why was lost with the link.
          if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
            run.current = null;
            setPhase({
              kind: 'failed',
              fileName: current.fileName,
              source: { code: 'outcome_unknown', status: error.status },
              resumable: false,
              sent: current.sent,
              total: current.total,
            });
            return;
          }
          // a dropped link or a busy server: read again after the pause
        }
        await sleep(POLL_MS);
      }
      if (current.stopped || run.current !== current) return;
      run.current = null;
      await queryClient.invalidateQueries({ queryKey: documentKeys.all() });
      setPhase({ kind: 'finished', fileName: current.fileName, document });
    },
    [queryClient, say],
  );

  const start = useCallback(
    async (file: File, target: UploadTarget) => {
      const previousRun = run.current;
      if (previousRun) {
        previousRun.stopped = true;
        void previousRun.upload.abort(false);
      }
      if (file.size > settings.maxBytes) {
        setPhase({
          kind: 'failed',
          fileName: file.name,
          source: { code: 'too_large', status: 413, params: { maxBytes: settings.maxBytes } },
          resumable: false,
          sent: 0,
          total: file.size,
        });
        return;
      }
      // Assigned just below: the callbacks only run once the upload has started.
      const current = {} as Run;
      const upload = new Upload(file, {
        endpoint: new URL(UPLOAD_ENDPOINT, window.location.origin).href,
        chunkSize: settings.chunkBytes,
        retryDelays: RETRY_DELAYS,
        metadata: target.metadata,
        removeFingerprintOnSuccess: true,
        fingerprint: (f: File) => Promise.resolve(uploadFingerprint(person, target.key, f)),
        onBeforeRequest: async (request) => {
          request.setHeader('X-CSRF-Token', await csrfToken());
        },
        onAfterResponse: (_request, response) => {
          const id = response.getHeader(DOCUMENT_HEADER);
          if (id && /^[a-f0-9]{24}$/.test(id)) current.documentId = id;
        },
        onUploadUrlAvailable: () => {
          if (upload.url && current.documentId) rememberDocument(upload.url, current.documentId);
          // From now on this upload only resumes: if the server no longer knows it (it was settled
          // while the link was down, or it expired), tus-js-client must not start a second document.
          upload.options.endpoint = null;
        },
        onProgress: (sent, total) => {
          if (current.stopped) return;
          current.sent = sent;
          current.total = total;
          current.movedAt = Date.now();
          if (current.reconnecting) {
            current.reconnecting = false;
            say('documents.upload.announce.back');
          } else {
            const milestone = nextMilestone(percentOf(sent, total), current.milestone);
            if (milestone !== null && milestone < 100) {
              current.milestone = milestone;
              say('documents.upload.announce.progress', {
                percent: formatPercent(milestone, words.current.locale),
              });
            }
          }
          showProgress(current);
        },
        onShouldRetry: (error) => {
          if (current.stopped || current.paused) return false;
          const status = statusOf(error);
          const source = sourceOfTusResponse(status, bodyOf(error));
          // A renewed session (sign-in in another tab) has a new CSRF token: ask for it once.
          if (status === 403 && !current.csrfRenewed && (!source.code || source.code === 'forbidden')) {
            current.csrfRenewed = true;
            rememberCsrfToken(null);
            return true;
          }
          if (status === 409 || status === 423) return true; // offset out of step, or locked: tus sorts it out
          const network = status === 0 || (status >= 500 && !source.code);
          if (!network) return false;
          lostLink(current);
          // Offline, the retries would be spent in vain: onError waits for the browser to be back.
          return !offline();
        },
        onSuccess: () => {
          if (current.stopped) return;
          forgetDocument(upload.url);
          current.sent = current.total;
          void follow(current);
        },
        onError: (error) => {
          if (current.stopped || current.paused) return;
          const status = statusOf(error);
          if (status === 0 && 'originalRequest' in error && error.originalRequest) {
            if (offline()) {
              current.waitingForOnline = true;
              lostLink(current);
              return;
            }
            fail(current, { code: 'network', status: 0 }, true);
            return;
          }
          if (status === 0) {
            // Not an HTTP failure: the file could not be read (removed or changed meanwhile).
            fail(current, { code: 'file_unreadable' }, false);
            return;
          }
          if (status === 404 && current.documentId) {
            // The upload is gone: settled after its last chunk while the answer was lost, or expired.
            if (current.sent >= current.total) void follow(current);
            else fail(current, { code: 'upload_expired', status }, false);
            return;
          }
          const source = sourceOfTusResponse(status, bodyOf(error));
          fail(current, source, status >= 500 && !source.code);
        },
      });
      Object.assign(current, {
        upload,
        fileName: file.name,
        total: file.size,
        sent: 0,
        documentId: null,
        milestone: 0,
        movedAt: Date.now(),
        paused: false,
        stopped: false,
        waitingForOnline: false,
        reconnecting: false,
        csrfRenewed: false,
      } satisfies Run);
      run.current = current;
      setPhase({ kind: 'uploading', fileName: file.name, sent: 0, total: file.size });
      say('documents.upload.announce.started', { file: file.name });
      // An upload of the same file to the same place with the same fields, interrupted earlier, resumes.
      const previous: PreviousUpload[] = await upload.findPreviousUploads().catch(() => []);
      if (current.stopped) return;
      const match = previous.find((p) => p.uploadUrl && sameMetadata(p.metadata, target.metadata));
      if (match) {
        upload.resumeFromPreviousUpload(match);
        current.documentId = storedDocument(match.uploadUrl);
      }
      if (offline()) {
        current.waitingForOnline = true;
        lostLink(current);
        return;
      }
      upload.start();
    },
    [fail, follow, lostLink, person, say, settings.chunkBytes, settings.maxBytes, showProgress],
  );

  const pauseOrResume = useCallback(() => {
    const current = run.current;
    if (!current || current.stopped) return;
    if (current.paused || phase.kind === 'failed') {
      current.paused = false;
      current.reconnecting = false;
      current.waitingForOnline = false;
      current.movedAt = Date.now();
      showProgress(current);
      say('documents.upload.announce.resumed');
      if (offline()) {
        current.waitingForOnline = true;
        lostLink(current);
        return;
      }
      current.upload.start();
      return;
    }
    current.paused = true;
    current.reconnecting = false;
    current.waitingForOnline = false;
    void current.upload.abort(false);
    showProgress(current);
    say('documents.upload.announce.paused');
  }, [lostLink, phase.kind, say, showProgress]);

  const cancel = useCallback(async () => {
    const current = run.current;
    if (!current) return;
    current.stopped = true;
    run.current = null;
    forgetDocument(current.upload.url);
    setPhase({ kind: 'cancelling', fileName: current.fileName });
    say('documents.upload.cancelling');
    // Ends the upload on the server too (a failure there leaves it to expire on its own); "cancelled"
    // is said once the server has answered, so that leaving the page then does not cut the request.
    await current.upload.abort(true).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: documentKeys.all() });
    setPhase({ kind: 'cancelled', fileName: current.fileName });
  }, [queryClient, say]);

  // Back online: an upload that waited for the link starts again by itself. Offline: say so at once.
  useEffect(() => {
    const online = () => {
      const current = run.current;
      if (!current?.waitingForOnline || current.paused || current.stopped) return;
      current.waitingForOnline = false;
      current.movedAt = Date.now();
      current.upload.start();
    };
    // A request on a link that went down may hang rather than fail: it is stopped at once, and the
    // upload asks the server where it stands (HEAD) when the link is back.
    const wentOffline = () => {
      const current = run.current;
      if (!current || current.paused || current.stopped || current.sent >= current.total) return;
      lostLink(current);
      current.waitingForOnline = true;
      void current.upload.abort(false);
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', wentOffline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', wentOffline);
    };
  }, [lostLink]);

  // A chunk that has moved no byte for a while (a link dead without the browser knowing) is sent again
  // from the server's offset.
  useEffect(() => {
    const timer = window.setInterval(() => {
      const current = run.current;
      if (!current || current.paused || current.stopped || current.waitingForOnline) return;
      if (current.sent >= current.total || Date.now() - current.movedAt < STALL_MS) return;
      current.movedAt = Date.now();
      lostLink(current);
      void current.upload.abort(false).then(() => {
        if (run.current === current && !current.paused && !current.stopped && !current.waitingForOnline)
          current.upload.start();
      });
    }, 5000);
    return () => window.clearInterval(timer);
  }, [lostLink]);

  // Leaving the page stops the upload without ending it: picking the same file again resumes it.
  useEffect(
    () => () => {
      const current = run.current;
      if (!current) return;
      current.stopped = true;
      run.current = null;
      void current.upload.abort(false);
    },
    [],
  );

  const busy = ['uploading', 'paused', 'reconnecting', 'checking', 'cancelling'].includes(phase.kind);
  return { phase, announcement, busy, start, pauseOrResume, cancel };
}
