// Production build of the playground page, for manual checks and the render benchmark:
//   npx vite build --config vite.playground.config.mjs && npx vite preview --config vite.playground.config.mjs
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'playground',
  base: '/playground/',
  plugins: [react()],
  build: { outDir: '../dist-playground/playground', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  preview: { port: 5200, strictPort: true },
});
