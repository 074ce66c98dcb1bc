import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

// Served by the engine at `/backoffice/`; in development and preview, proxy the API to a local engine.
const engine = process.env.WEFT_URL ?? 'http://localhost:3000';
const api = ['/auth', '/user', '/modifiers', '/admin', '/health'];
const proxy = Object.fromEntries(api.map((path) => [path, { target: engine, changeOrigin: true }]));

export default defineConfig({
  plugins: [react()],
  // @monaco-editor/loader defaults to a CDN; the Backoffice always uses the bundled Monaco.
  resolve: { alias: [{ find: /^@monaco-editor\/loader$/, replacement: fileURLToPath(new URL('./src/monaco/bundled-loader.ts', import.meta.url)) }] },
  base: '/backoffice/',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4096 },
  // Monaco's workers are ES modules (`?worker` imports).
  worker: { format: 'es' },
  server: { proxy },
  preview: { proxy },
  test: { environment: 'happy-dom' },
});
