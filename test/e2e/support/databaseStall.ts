/**
 * Stalls the e2e server's embedded database for a while: its FerretDB process (found by the data
 * folder in its command line) is stopped with SIGSTOP and continued with SIGCONT. Nothing of our
 * stack is replaced: the server waits on a real database that answers late, as a busy one does.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The pid of the FerretDB process keeping its files under `dataDir`. */
function databasePid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile
    }
    if (args.some((arg) => arg.startsWith(`--sqlite-url=file:${dataDir}`))) return Number(entry);
  }
  throw new Error(`No FerretDB process keeps its files in ${dataDir}.`);
}

/**
 * Stops the database of the server whose DATA_DIR is `dataDir`; the returned function continues it.
 * It continues by itself after `atMostMs` too, so a failed test never leaves the server hanging.
 */
export function stallDatabase(dataDir: string, atMostMs: number): () => void {
  const pid = databasePid(dataDir);
  process.kill(pid, 'SIGSTOP');
  let resumed = false;
  const resume = () => {
    if (resumed) return;
    resumed = true;
    clearTimeout(safety);
    process.off('exit', resume);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // Gone meanwhile (the server stopped it): nothing left to continue.
    }
  };
  const safety = setTimeout(resume, atMostMs);
  process.once('exit', resume);
  return resume;
}
