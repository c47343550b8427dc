/** The first stop of the keyboard: jumps past the header to the page's main content. */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** A link, visible when focused, that moves focus to the element with id `targetId`. */
export function SkipLink({ targetId }: { targetId: string }) {
  const { t } = useTranslation();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    // Focus directly instead of following the fragment, so the app's URL stays clean.
    event.preventDefault();
    target.focus();
    target.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={skip}>
      {t('layout.skipToContent')}
    </a>
  );
}
