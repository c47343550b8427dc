/**
 * Reads asked for close together share one query: the first waits for the end of its turn of the
 * event loop, and those asked while a query is on its way wait for it to end and go together in the
 * next (as group commit does for writes). Idle, a read goes at once; in a storm of handshakes or
 * joins (every client of a restarted node comes back at once) batches grow with the load, so the
 * database sees a few large queries instead of one per client. A query starts after every request
 * it serves had arrived, so each answer is as fresh as a read of its own.
 */

/** How long a batch may hold the queue; a longer one (a stuck query) lets the next batch go. */
export const STUCK_BATCH_MS = 30_000;

/**
 * Hands the items added to `run` in batches, one batch at a time (see the module comment). `run`
 * settles each item's own promise (what it throws is ignored, and stops nothing); a batch that
 * takes longer than {@link STUCK_BATCH_MS} no longer holds back the next.
 */
export function batchQueue<T>(run: (batch: T[]) => Promise<void>): (item: T) => void {
  let waiting: T[] | null = null;
  let busy = false;
  const next = (): void => {
    const batch = waiting;
    waiting = null;
    if (!batch) {
      busy = false;
      return;
    }
    // A batch that outlives STUCK_BATCH_MS stops holding the queue: the next one goes anyway.
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(watchdog);
      next();
    };
    const watchdog = setTimeout(release, STUCK_BATCH_MS);
    watchdog.unref();
    Promise.resolve()
      .then(() => run(batch))
      .catch(() => undefined) // `run` settles its items; nothing it throws may stop the queue
      .finally(release);
  };
  return (item) => {
    if (!waiting) {
      waiting = [];
      if (!busy) {
        busy = true;
        setImmediate(next);
      }
    }
    waiting.push(item);
  };
}

/** Loads many keys in one query; keys it does not answer resolve as undefined. */
export type LoadMany<K, V> = (keys: K[]) => Promise<Map<K, V>>;

interface Caller<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

/** A loader of one key that shares its query with the keys asked for close to it (see above). */
export function batchLoader<K, V>(loadMany: LoadMany<K, V>): (key: K) => Promise<V | undefined> {
  const enqueue = batchQueue<Caller<K, V>>(async (callers) => {
    try {
      const found = await loadMany([...new Set(callers.map((c) => c.key))]);
      for (const c of callers) c.resolve(found.get(c.key));
    } catch (error) {
      for (const c of callers) c.reject(error);
    }
  });
  return (key) => new Promise<V | undefined>((resolve, reject) => enqueue({ key, resolve, reject }));
}

/**
 * Up to this many ids a batch reads one by one, in parallel: FerretDB answers an `_id` lookup
 * without scanning, but `_id: { $in }` with a scan. Beyond it, one `$in` query: a scan costs less
 * than that many lookups (on MongoDB both are index reads).
 */
export const ONE_BY_ONE_UP_TO = 16;

/**
 * A loader of documents by id, batched as {@link batchLoader} is: small batches with `one` per id,
 * larger ones with `many` (see {@link ONE_BY_ONE_UP_TO}).
 */
export function byIdLoader<V>(
  one: (id: string) => Promise<V | null>,
  many: (ids: string[]) => Promise<Map<string, V>>,
): (id: string) => Promise<V | undefined> {
  return batchLoader(async (ids: string[]) => {
    if (ids.length > ONE_BY_ONE_UP_TO) return many(ids);
    const found = await Promise.all(ids.map(one));
    return new Map(ids.flatMap((id, i) => (found[i] ? [[id, found[i]] as const] : [])));
  });
}
