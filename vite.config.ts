/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { tfjsWasmThreads } from './scripts/vite-plugin-tfjs-wasm-threads.ts';

/**
 * Cross-origin isolation (COOP + COEP) makes SharedArrayBuffer available, which TF.js's threaded
 * WASM backend needs. Both the dev server and `vite preview` (what `npm start` and the end-to-end
 * tests serve) send the headers.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: isolation },
  preview: { headers: isolation, port: 4173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/core/testing/setupTf.ts'],
    testTimeout: 60_000,
  },
});
