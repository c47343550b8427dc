/** Moves focus to an element when it first appears (a heading of a new step, a confirmation). */
import { useEffect, useRef } from 'react';

/** A ref to attach to a focusable element (tabIndex -1 for headings); it is focused once mounted. */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
