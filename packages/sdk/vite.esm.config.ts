// ESM build for bundlers (dist/esm): `@weft/sdk` and `@weft/sdk/react`; the host provides React.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/esm',
    emptyOutDir: true,
    target: 'es2022',
    lib: { entry: { index: 'src/index.ts', react: 'src/react.tsx' }, formats: ['es'] },
    rollupOptions: {
      external: [/^react($|\/)/, /^react-dom($|\/)/],
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
