/**
 * Refusals of the documents area in the reader's language: the reasons only uploads meet (no virus
 * scanner answering, a file above the size limit, a file refused by its type or held as infected when
 * the last chunk is checked) come from the `documents`
 * strings; everything else (`label_above_ceiling`, `forbidden`, the network...) goes the one road of
 * client/src/errors/refusal.ts. A tus answer arrives as raw text, read here as a problem document.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../../api.js';
import { translateRefusal, sourceOfError, type Refusal, type RefusalSource } from '../../errors/refusal.js';
import { FILE_REASONS, formatBytes } from './uploadHelpers.js';

/** Reasons of the upload endpoints the area words itself (`documents.refusals.<code>`). */
const OWN_REASONS = new Set([
  'scanner_unavailable',
  'too_large',
  'upload_expired',
  'file_unreadable',
  'file_infected',
  'outcome_unknown',
]);

/**
 * The refusal a tus response stands for: its problem+json body when it has one (code, params, detail),
 * else only its status (0: no answer, the network).
 */
export function sourceOfTusResponse(status: number, body: string | undefined): RefusalSource {
  if (!status) return { code: 'network', status: 0 };
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : null;
  } catch {
    parsed = null;
  }
  if (typeof parsed !== 'object' || parsed === null) return { status };
  const problem = parsed as Record<string, unknown>;
  const params =
    typeof problem.params === 'object' && problem.params !== null
      ? (problem.params as Record<string, string | number>)
      : undefined;
  return {
    status,
    code: typeof problem.code === 'string' ? problem.code : undefined,
    params,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
  };
}

/** The size limit a refusal names: its own `max`/`maxBytes` param, else the server's setting. */
function limitOf(source: RefusalSource, maxBytes: number | undefined): number | undefined {
  const named = source.params?.maxBytes ?? source.params?.max;
  const value = typeof named === 'number' ? named : Number(named);
  return Number.isFinite(value) && value > 0 ? value : maxBytes;
}

/**
 * Turns a refusal of the documents area into words. `maxBytes` (from the upload settings) completes a
 * size refusal that does not name its limit; `locale` formats it.
 */
export function documentRefusal(
  source: RefusalSource,
  t: TFunction,
  options: { maxBytes?: number | undefined; locale?: string } = {},
): Refusal {
  const code = source.code ?? (source.status === 413 ? 'too_large' : undefined);
  if (code && (FILE_REASONS as readonly string[]).includes(code))
    return {
      text: t('documents.refusals.fileRefused', { reason: t(`documents.reasons.${code}`) }),
      detail: null,
    };
  if (code && OWN_REASONS.has(code)) {
    if (code === 'too_large') {
      const limit = limitOf(source, options.maxBytes);
      return {
        text: limit
          ? t('documents.refusals.too_large', { max: formatBytes(limit, options.locale ?? 'en') })
          : t('documents.refusals.too_large_unknown'),
        detail: null,
      };
    }
    return { text: t(`documents.refusals.${code}`), detail: null };
  }
  return translateRefusal(source, t);
}

/** The refusal an error thrown by an API call of this area stands for, in words. */
export function documentErrorRefusal(error: unknown, t: TFunction, maxBytes?: number): Refusal {
  if (!(error instanceof ApiError)) return translateRefusal({ code: 'network', status: 0 }, t);
  return documentRefusal(sourceOfError(error), t, { maxBytes });
}
