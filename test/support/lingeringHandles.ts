/**
 * A guard for the end of a test run: mocha waits for every open handle, so a server a test forgot to
 * close keeps the run (and CI) waiting until its watchdog kills it, with no hint of the cause. After
 * the last hook, this waits a grace period; if the process is still alive then, it names the handles
 * that keep it open and exits with a failure.
 */
import type { Server } from 'node:net';

/** How long the run may take to wind down after its last hook. */
const GRACE_MS = 20_000;

/** One line per handle still keeping the process alive (standard streams left out). */
function describeOpenHandles(): string[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles
    .filter((handle) => handle !== process.stdout && handle !== process.stderr && handle !== process.stdin)
    .map((handle) => {
      const name = (handle as object).constructor?.name ?? 'handle';
      const address = (handle as Partial<Server>).address?.();
      return address ? `${name} ${JSON.stringify(address)}` : name;
    });
}

/** The kinds of resource still active (timers included), when no handle explains the wait. */
function otherResources(): string {
  const kinds = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
  return kinds.length > 0 ? `active resources: ${kinds.join(', ')}` : '(unknown)';
}

/** Arms the guard; its timer does not itself keep the process alive. */
export function failIfHandlesLinger(): void {
  setTimeout(() => {
    const open = describeOpenHandles();
    console.error(
      `\nThe test run finished but something still keeps it open after ${GRACE_MS / 1000} s ` +
        `(a server, socket or process a test did not close):\n  ${open.join('\n  ') || otherResources()}`,
    );
    console.error('  1 failing');
    // Mocha sets the exit code from its failures in its own 'exit' listener; this one runs after it.
    process.on('exit', () => {
      process.exitCode = 1;
    });
    process.exit(1);
  }, GRACE_MS).unref();
}
