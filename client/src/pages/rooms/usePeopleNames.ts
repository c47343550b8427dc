/**
 * Names of the people a room shows by id only (presence, read markers): each unknown id is read once
 * from GET /api/v1/people/:id (members may read the directory) and cached for the tab.
 */
import { useEffect } from 'react';
import { apiGet } from '../../api.js';

const cache = new Map<string, Promise<string | null>>();

function nameOf(id: string): Promise<string | null> {
  let found = cache.get(id);
  if (!found) {
    found = apiGet<{ name: string }>(`/people/${encodeURIComponent(id)}`).then(
      (person) => person.name,
      () => null,
    );
    cache.set(id, found);
  }
  return found;
}

/** Looks up the names of `ids` missing from `known` and hands them to `onNames`. */
export function usePeopleNames(
  ids: string[],
  known: Record<string, string>,
  onNames: (names: Record<string, string>) => void,
): void {
  const missing = [...new Set(ids)].filter((id) => !(id in known) && /^[a-f0-9]{24}$/.test(id)).sort();
  const key = missing.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const wanted = key.split(',');
    void Promise.all(wanted.map(nameOf)).then((names) => {
      if (!live) return;
      const found: Record<string, string> = {};
      wanted.forEach((id, i) => {
        const name = names[i];
        if (name) found[id] = name;
      });
      if (Object.keys(found).length > 0) onNames(found);
    });
    return () => {
      live = false;
    };
  }, [key, onNames]);
}
