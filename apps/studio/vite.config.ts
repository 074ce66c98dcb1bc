import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Served by the engine at `/`; in development, proxy the API to a local engine.
const engine = process.env.WEFT_URL ?? 'http://127.0.0.1:2300';
const api = ['/auth', '/user', '/flows', '/components', '/logs', '/unprocessed-messages', '/health'];

export default defineConfig({
  plugins: [react()],
  base: '/',
  // elkjs (~450 KB gzip) is a lazy chunk loaded on the designer's first auto-layout.
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 1600 },
  server: { proxy: Object.fromEntries(api.map((path) => [path, { target: engine, changeOrigin: true }])) },
  test: { environment: 'happy-dom' },
});
