/** A polite live region: what it says is announced by screen readers without moving focus. */
import type { ReactNode } from 'react';

/** Announces `children` politely; keep it rendered and change its text so the change is heard. */
export function StatusMessage({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={className ?? 'status'}>
      {children}
    </p>
  );
}
