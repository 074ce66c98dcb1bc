import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Library build: the host page (or the SDK) provides React; everything else is bundled.
export default defineConfig({
  plugins: [react()],
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'designer' },
    rollupOptions: { external: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'] },
    sourcemap: true,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    // Component tests render React Flow in happy-dom; on a busy CI machine they need headroom.
    testTimeout: 20_000,
  },
});
