/**
 * Named points between the writes of an operation that must survive a crash (the audit outbox, a
 * membership approval). They do nothing, unless a test-only entry script sets a hook that kills the
 * process at one of them (test/server/audit/crash/), to prove that every step resumes.
 */

/** Called at each point with its name. */
export type CrashHook = (point: string) => void;

let hook: CrashHook | null = null;

/** Sets the hook (test entry scripts only). */
export function setCrashHook(next: CrashHook | null): void {
  hook = next;
}

/** Marks that the operation reached `point`. */
export function reached(point: string): void {
  hook?.(point);
}
