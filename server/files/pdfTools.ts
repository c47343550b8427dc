/**
 * The text and the first pages of a PDF, through Poppler's command-line tools (`pdftotext`,
 * `pdftoppm`: Debian's poppler-utils), for the search index and the light previews. Only ever run on a
 * file the checks accepted, and still treated as hostile: the bytes are copied to a private temporary
 * folder, the tool runs in a child process limited in memory and CPU time (`prlimit`, when present)
 * and killed after {@link PDF_TIMEOUT_MS}, its output capped, and the folder removed afterwards.
 * Without the tools (not installed), a PDF simply gives no text and no preview.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileBucket } from './fileBuckets.js';
import { openReader } from './fileReader.js';

/** How long one tool may run. */
export const PDF_TIMEOUT_MS = 20_000;

/** The address space a tool may use (bytes). */
const MEMORY_LIMIT = 512 * 1024 * 1024;

/** The most text read from one PDF (characters), as for every other kind. */
const MAX_TEXT_CHARS = 100_000;

/** The most bytes one preview image may weigh. */
const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Pages of text read at most. */
const TEXT_PAGES = 200;

const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p)) ?? null;

/** The tool's output, or null when it is not installed, failed, or ran out of time. */
function run(tool: string, args: string[], maxOutput: number): Promise<Buffer | null> {
  const [command, commandArgs] = PRLIMIT
    ? [PRLIMIT, [`--as=${MEMORY_LIMIT}`, `--cpu=${Math.ceil(PDF_TIMEOUT_MS / 1000)}`, tool, ...args]]
    : [tool, args];
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'ignore'] });
    const parts: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (value: Buffer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(null);
    }, PDF_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxOutput) parts.push(chunk);
      else child.kill('SIGKILL');
    });
    child.on('error', () => finish(null));
    child.on('close', (code) => finish(code === 0 || size > maxOutput ? Buffer.concat(parts) : null));
  });
}

/** Copies the stored file to a private temporary folder, runs `work` on it, and removes the folder. */
async function withLocalCopy<T>(
  bucket: FileBucket,
  key: string,
  work: (file: string, dir: string) => Promise<T>,
) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'concordia-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    await pipeline(openReader(bucket, key), createWriteStream(file, { mode: 0o600 }));
    return await work(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The words of a stored PDF (at most 100,000 characters), or '' when they cannot be read. */
export async function pdfText(bucket: FileBucket, key: string): Promise<string> {
  return withLocalCopy(bucket, key, async (file) => {
    const args = ['-q', '-l', String(TEXT_PAGES), '-enc', 'UTF-8', '-nopgbrk', file, '-'];
    const out = await run('pdftotext', args, MAX_TEXT_CHARS * 4);
    if (!out) return '';
    return new TextDecoder('utf-8')
      .decode(out)
      .replace(/\uFFFD$/, '')
      .slice(0, MAX_TEXT_CHARS)
      .trim();
  });
}

/**
 * The first `pages` pages of a stored PDF as small PNG images (about 600 px on their longer side), in
 * page order; none when they cannot be drawn.
 */
export async function pdfPreviewPages(bucket: FileBucket, key: string, pages: number): Promise<Buffer[]> {
  return withLocalCopy(bucket, key, async (file, dir) => {
    const prefix = path.join(dir, 'page');
    const args = ['-q', '-f', '1', '-l', String(pages), '-scale-to', '600', '-png', file, prefix];
    if ((await run('pdftoppm', args, 0)) === null) return [];
    const names = (await readdir(dir)).filter((n) => /^page-\d+\.png$/.test(n));
    names.sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
    const images: Buffer[] = [];
    for (const name of names.slice(0, pages)) {
      const bytes = await readFile(path.join(dir, name));
      if (bytes.length <= MAX_IMAGE_BYTES) images.push(bytes);
    }
    return images;
  });
}
