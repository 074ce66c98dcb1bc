// Script-tag build, part 1: the lazy entry (weft-lazy.mjs) and one ES chunk per widget, React bundled.
// App mode rather than lib mode, because lib mode leaves ES output unminified.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // Chunks are fetched relative to weft-lazy.mjs, on demand; no preload helper needed.
    modulePreload: false,
    rollupOptions: {
      input: { 'weft-lazy': 'src/lazy/index.ts' },
      preserveEntrySignatures: 'exports-only',
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
