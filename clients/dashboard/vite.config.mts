import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const router = process.env['SALDO_ROUTER'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The SDK's TypeScript sources: Vite bundles them as ESM (its dist is CommonJS for Node).
    alias: { '@saldo/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: router, ws: true, changeOrigin: true },
      '/uploads': { target: router, changeOrigin: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
