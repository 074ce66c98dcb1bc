// Script-tag build, part 2: the classic loader (weft.js) that defines window.Weft synchronously.
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    lib: { entry: 'src/loader.ts', formats: ['iife'], name: 'WeftLoader', fileName: () => 'weft.js' },
  },
});
