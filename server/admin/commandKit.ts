/** Small shared pieces of the admin command line: argument parsing, validation and output. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { InvalidError } from '../errors.js';
import { fieldErrors } from '../http/problem.js';

/** One sub-command: `npm run admin -- <resource> <verb> ...`. */
export interface Command {
  /** e.g. "hub create". */
  name: string;
  usage: string;
  run(args: string[], out: Output): Promise<void>;
}

/** Where a command writes: human lines, or JSON with --json. */
export interface Output {
  json: boolean;
  print(value: unknown, human: () => string): void;
}

/** Parses options strictly: an unknown option is an error that names it. */
export function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true } as const);
}

/** Validates input with a shared zod schema, turning failures into one clear message. */
export function validate<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const lines = fieldErrors(result.error).map((e) => `${e.path}: ${e.message}`);
    throw new InvalidError(`invalid input:\n  ${lines.join('\n  ')}`);
  }
  return result.data;
}

/** Splits a comma-separated option into a list (undefined stays undefined). */
export function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

/** Formats rows as aligned columns. */
export function table(rows: string[][]): string {
  const header = rows[0];
  if (!header) return '(none)';
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Reads every page of a paginated service call. */
export async function allPages<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
