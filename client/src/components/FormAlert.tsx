/**
 * The alert above a form after a refused submission. It takes focus each time a new refusal arrives
 * (even with the same words), so keyboard and screen-reader users hear what went wrong at once.
 */
import { useEffect, useRef } from 'react';
import type { Refusal } from '../errors/refusal.js';
import { RefusalText } from '../errors/RefusalText.js';

/** A refusal to show: its translated words and a number that changes with every new one. */
export interface AlertMessage {
  refusal: Refusal;
  seq: number;
}

let counter = 0;

/** Wraps a translated text, or a refusal from `errorRefusal`/`ackRefusal`, as a new {@link AlertMessage}. */
export function alertMessage(message: string | Refusal): AlertMessage {
  counter += 1;
  return { refusal: typeof message === 'string' ? { text: message, detail: null } : message, seq: counter };
}

/** Shows the message (nothing when null) in a focusable alert region. */
export function FormAlert({ message, id }: { message: AlertMessage | null; id: string }) {
  const region = useRef<HTMLDivElement>(null);
  const seq = message?.seq;
  useEffect(() => {
    if (seq !== undefined) region.current?.focus();
  }, [seq]);
  if (!message) return null;
  return (
    <div id={id} className="notice notice--error form-alert" role="alert" tabIndex={-1} ref={region}>
      <p>
        <RefusalText refusal={message.refusal} />
      </p>
    </div>
  );
}
