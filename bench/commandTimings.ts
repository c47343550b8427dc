/**
 * Database command timings of a bench node (`STORM_LOG_COMMANDS=1`): every few seconds, stderr gets
 * one line per collection and command run in that window, with its count, total and slowest time
 * (from the driver's command monitoring), so a slow run shows which reads bound it; with
 * `showSlowest`, also the window's slowest command itself (cut at 3,000 characters).
 */
import type mongoose from 'mongoose';

interface Tally {
  count: number;
  totalMs: number;
  maxMs: number;
  failed: number;
}

/** Starts printing the timings of `connection`'s commands every `everyMs`; returns a stop. */
export function logCommandTimings(
  connection: mongoose.Connection,
  label: string,
  { everyMs = 5000, showSlowest = false }: { everyMs?: number; showSlowest?: boolean } = {},
): () => void {
  const client = connection.getClient();
  const started = new Map<number, { key: string; body: string }>();
  let tallies = new Map<string, Tally>();
  let slowest = { ms: 0, body: '' };
  const onStarted = (event: { requestId: number; commandName: string; command: Record<string, unknown> }) => {
    const target = event.command[event.commandName];
    const key = `${typeof target === 'string' ? target : '-'}.${event.commandName}`;
    started.set(event.requestId, {
      key,
      body: showSlowest ? JSON.stringify(event.command).slice(0, 3000) : '',
    });
  };
  const onEnded = (event: { requestId: number; duration: number }, failed: boolean) => {
    const start = started.get(event.requestId);
    const key = start?.key ?? '?';
    started.delete(event.requestId);
    if (start && event.duration > slowest.ms) slowest = { ms: event.duration, body: start.body };
    const tally = tallies.get(key) ?? { count: 0, totalMs: 0, maxMs: 0, failed: 0 };
    tally.count += 1;
    tally.totalMs += event.duration;
    tally.maxMs = Math.max(tally.maxMs, event.duration);
    if (failed) tally.failed += 1;
    tallies.set(key, tally);
  };
  const onSucceeded = (event: { requestId: number; duration: number }) => onEnded(event, false);
  const onFailed = (event: { requestId: number; duration: number }) => onEnded(event, true);
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  client.on('commandFailed', onFailed);
  const timer = setInterval(() => {
    if (tallies.size === 0) return;
    const rows = [...tallies].sort((a, b) => b[1].totalMs - a[1].totalMs);
    tallies = new Map();
    const text = rows
      .slice(0, 12)
      .map(
        ([key, t]) =>
          `${key} n=${t.count} total=${Math.round(t.totalMs)} max=${Math.round(t.maxMs)}${t.failed ? ` failed=${t.failed}` : ''}`,
      )
      .join(' | ');
    process.stderr.write(`[${label} commands ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
    if (showSlowest)
      process.stderr.write(`[${label} slowest ${Math.round(slowest.ms)} ms] ${slowest.body}\n`);
    slowest = { ms: 0, body: '' };
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    client.off('commandStarted', onStarted);
    client.off('commandSucceeded', onSucceeded);
    client.off('commandFailed', onFailed);
  };
}
