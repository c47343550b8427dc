/** Runs an API read for a component (cancelled on change or unmount), with its state and a retry. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api.js';
import { asApiError, type Loadable } from '../../hooks/useApiGet.js';

/** Calls `read` whenever `key` changes; `retry` calls it again; `set` replaces the loaded data. */
export function useLoad<T>(
  key: string,
  read: (signal: AbortSignal) => Promise<T>,
): Loadable<T> & { retry: () => void; set: (update: (data: T) => T) => void } {
  const [state, setState] = useState<{ key: string; value: Loadable<T> }>({
    key,
    value: { state: 'loading' },
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ key, value: { state: 'loading' } });
    read(controller.signal).then(
      (data) => setState({ key, value: { state: 'ready', data } }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ key, value: { state: 'error', error: asApiError(error) as ApiError } });
        }
      },
    );
    return () => controller.abort();
    // `read` is rebuilt on each render; `key` names what it reads.
  }, [key, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback(
    (update: (data: T) => T) =>
      setState((current) =>
        current.value.state === 'ready'
          ? { key: current.key, value: { state: 'ready', data: update(current.value.data) } }
          : current,
      ),
    [],
  );
  const value: Loadable<T> = state.key === key ? state.value : { state: 'loading' };
  return { ...value, retry, set };
}
