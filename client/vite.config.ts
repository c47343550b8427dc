/**
 * Vite configuration of the web client: built from `client/` into `client/dist`, which the server
 * serves. In `vite dev`, API calls are proxied to a server on port 3000. The build writes a `.br` and
 * a `.gz` beside each text file, which the server sends to browsers that accept them.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = fileURLToPath(new URL('./dist', import.meta.url));
/** Files worth compressing (fonts, images in woff2/png/webp are compressed already). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest|map)$/;
/** Below this many bytes, compression saves less than the request headers weigh. */
const MIN_BYTES = 512;

/** Brotli at its best quality and gzip at level 9: done once per build, not per request. */
async function compressBoth(content: Buffer): Promise<[Buffer, Buffer]> {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return Promise.all([
    br(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gz(content, { level: 9 }),
  ]);
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file the build wrote (index.html, the
 * scripts and styles), each only when smaller than the file itself. Files of `public/` are copied
 * as they are (the server compresses them on the fly when they are worth it).
 */
function precompress(): Plugin {
  return {
    name: 'concordia-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? OUT_DIR;
      await Promise.all(
        Object.values(bundle).map(async (output) => {
          if (!COMPRESSIBLE.test(output.fileName)) return;
          const content = Buffer.from(output.type === 'chunk' ? output.code : output.source);
          if (content.length < MIN_BYTES) return;
          const [brotli, gzipped] = await compressBoth(content);
          const file = path.join(dir, output.fileName);
          try {
            if (brotli.length < content.length) await writeFile(`${file}.br`, brotli);
            if (gzipped.length < content.length) await writeFile(`${file}.gz`, gzipped);
          } catch (error) {
            // Another build emptied the folder meanwhile: its own files will come with their variants.
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
            this.warn(`${output.fileName} went away while it was compressed (another build?)`);
          }
        }),
      );
    },
  };
}

/** The client's build and dev-server settings (see the file comment). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), precompress()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // Module preload polyfills and inline assets would need `unsafe-inline` or `data:` scripts under
    // the server's strict CSP; the browsers we target support modulepreload natively.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // Best-quality brotli takes most of the build on purpose (precompress above): Rolldown's timing
    // check would warn about it on every build, and every `npm start`.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
