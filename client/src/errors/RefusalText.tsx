/** A refusal as text: the translated sentence, then the server's own words marked as English. */
import type { Refusal } from './refusal.js';

/** Renders `refusal` inline; the English detail carries `lang="en"` so screen readers switch voice. */
export function RefusalText({ refusal }: { refusal: Refusal }) {
  return (
    <>
      {refusal.text}
      {refusal.detail && (
        <>
          {' '}
          <span lang="en" dir="ltr" className="refusal__detail">
            {refusal.detail}
          </span>
        </>
      )}
    </>
  );
}
