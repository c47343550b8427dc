/**
 * Groups the reads asked for in the same turn of the event loop into one query: a storm of
 * handshakes or joins (every client of a restarted node comes back at once) then costs one read per
 * turn instead of one per client. The query starts after every request it serves had arrived, so
 * each answer is as fresh as a read of its own.
 */

/** Loads many keys in one query; keys it does not answer resolve as undefined. */
export type LoadMany<K, V> = (keys: K[]) => Promise<Map<K, V>>;

/** A loader of one key that shares a query with the other keys asked for in the same turn. */
export function batchLoader<K, V>(loadMany: LoadMany<K, V>): (key: K) => Promise<V | undefined> {
  let waiting: Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]> | null = null;
  const run = (batch: NonNullable<typeof waiting>) => {
    loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, callers] of batch) for (const c of callers) c.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const callers of batch.values()) for (const c of callers) c.reject(error);
      },
    );
  };
  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (!waiting) {
        const batch = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
        waiting = batch;
        setImmediate(() => {
          waiting = null;
          run(batch);
        });
      }
      const callers = waiting.get(key);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
    });
}
