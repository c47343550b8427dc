/** Keeps the document title in step with the page, so tabs, history and screen readers name it. */
import { useEffect } from 'react';

/** Sets the title to "`title` – Concordia" while the calling page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} – Concordia` : 'Concordia';
  }, [title]);
}
