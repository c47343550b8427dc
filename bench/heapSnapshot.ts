/**
 * Reads a V8 heap snapshot (`v8.writeHeapSnapshot`) into bytes and object counts per holder (objects
 * by constructor, closures by function name, strings, arrays and V8's internal kinds by their
 * names), and compares two snapshots, so `bench/memory.ts` can say what the heap added between 1,000
 * and 2,000 sockets.
 */
import { readFileSync } from 'node:fs';

/** Bytes (self sizes) and node counts of one holder. */
export interface Holder {
  bytes: number;
  count: number;
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** The holder a node counts under. */
function holderName(type: string, name: string): string {
  if (type === 'object') return name;
  if (type === 'closure') return `(closure) ${name || 'anonymous'}`;
  if (type.includes('string')) return '(strings)';
  if (type === 'number') return '(heap numbers)';
  return `(${type}) ${name}`.slice(0, 80);
}

/** Bytes and counts per holder in the snapshot at `file`. */
export function summarize(file: string): Map<string, Holder> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const holders = new Map<string, Holder>();
  for (let i = 0; i < raw.nodes.length; i += width) {
    const key = holderName(
      types[raw.nodes[i + typeAt] ?? 0] ?? '?',
      raw.strings[raw.nodes[i + nameAt] ?? 0] ?? '',
    );
    const holder = holders.get(key) ?? { bytes: 0, count: 0 };
    holder.bytes += raw.nodes[i + sizeAt] ?? 0;
    holder.count += 1;
    holders.set(key, holder);
  }
  return holders;
}

/** What `after` holds more than `before`, per holder, largest first. */
export function grownHolders(
  before: Map<string, Holder>,
  after: Map<string, Holder>,
): ({ name: string } & Holder)[] {
  return [...after]
    .map(([name, held]) => ({
      name,
      bytes: held.bytes - (before.get(name)?.bytes ?? 0),
      count: held.count - (before.get(name)?.count ?? 0),
    }))
    .sort((a, b) => b.bytes - a.bytes);
}
