/**
 * The moderation strings for controls that live on other areas' pages (the Flag button of a room
 * message): loads the lazy `moderation` group once and says when it is there, so nothing shows a key.
 */
import { useEffect, useState } from 'react';
import { loadPageStrings } from '../../i18n/pageStrings.js';

let loaded = false;

/** True once the moderation strings are loaded (in English and the current language). */
export function useModerationStrings(): boolean {
  const [ready, setReady] = useState(loaded);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void loadPageStrings('moderation').then(() => {
      loaded = true;
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [ready]);
  return ready;
}
