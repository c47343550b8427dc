/**
 * Vite configuration of the web client: built from `client/` into `client/dist`, which the server
 * serves. In `vite dev`, API calls are proxied to a server on port 3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The client's build and dev-server settings (see the file comment). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Module preload polyfills and inline assets would need `unsafe-inline` or `data:` scripts under
    // the server's strict CSP; the browsers we target support modulepreload natively.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
