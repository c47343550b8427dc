/** Loads one API resource for a component, cancelling the request when the path changes or it unmounts. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiGet } from '../api.js';

/** A resource on its way: loading, ready with its data, or failed with the API's problem. */
export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: ApiError };

/** Turns anything thrown by a request into an {@link ApiError}. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, { type: 'about:blank', title: 'Error', status: 0 });
}

/** GETs `path` (below /api/v1) and follows its state; `retry` loads it again. */
export function useApiGet<T>(path: string): Loadable<T> & { retry: () => void } {
  const [result, setResult] = useState<{ path: string; attempt: number; value: Loadable<T> }>({
    path,
    attempt: 0,
    value: { state: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    apiGet<T>(path, controller.signal).then(
      (data) => setResult({ path, attempt, value: { state: 'ready', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setResult({ path, attempt, value: { state: 'error', error: asApiError(error) } });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Until the effect runs for a new path, report loading rather than the previous path's data.
  const current: Loadable<T> =
    result.path === path && result.attempt === attempt ? result.value : { state: 'loading' };
  return { ...current, retry };
}
