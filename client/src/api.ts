/**
 * The client's only door to the API: JSON in, JSON out, and every failure turned into an
 * {@link ApiError} that carries the server's RFC 9457 problem document.
 */
import type { ProblemView } from './types.js';

const API = '/api/v1';

/** A failed API call: the HTTP status (0 when the server could not be reached) and the problem. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemView,
    /** Seconds to wait before trying again, from Retry-After on a 429. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  /** The field errors with the transport prefix (`body.`, `query.`) removed: `contact.email`. */
  fieldErrors(): { path: string; message: string }[] {
    return (this.problem.errors ?? []).map((e) => ({
      path: e.path.replace(/^(body|query|path)\./, ''),
      message: e.message,
    }));
  }
}

function isProblem(value: unknown): value is ProblemView {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const errorsOk =
    candidate.errors === undefined ||
    (Array.isArray(candidate.errors) &&
      candidate.errors.every(
        (e: unknown) =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as Record<string, unknown>).path === 'string' &&
          typeof (e as Record<string, unknown>).message === 'string',
      ));
  return (
    typeof candidate.title === 'string' &&
    typeof candidate.status === 'number' &&
    (candidate.detail === undefined || typeof candidate.detail === 'string') &&
    errorsOk
  );
}

/** Reads Retry-After as seconds; the HTTP-date form is converted too. */
function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function problemOf(response: Response): Promise<ProblemView> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    const body: unknown = await response.json().catch(() => null);
    if (isProblem(body)) return body;
  }
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(API + path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json', ...init.headers },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0 });
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response), retryAfter(response));
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, {
      type: 'about:blank',
      title: 'Unreadable response',
      status: response.status,
    });
  }
}

/** GETs `path` (below /api/v1) and returns the parsed JSON. Throws {@link ApiError}. */
export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method: 'GET', signal: signal ?? null });
}

/** POSTs `body` as JSON to `path` (below /api/v1) and returns the parsed JSON. Throws {@link ApiError}. */
export function apiPost<T>(
  path: string,
  body: unknown,
  signal?: AbortSignal,
  headers: Record<string, string> = {},
): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: signal ?? null,
  });
}

/**
 * Sends `body` as JSON to `path` (below /api/v1) with `method` (PATCH, PUT, DELETE, POST) and returns the
 * parsed JSON. Throws {@link ApiError}.
 */
export function apiSend<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return request<T>(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Builds a query string from the defined, non-empty values: `?hub=mena&limit=25`. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
