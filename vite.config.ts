/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { saplingRuntime } from './scripts/build-runtime.ts';
import { saplingServer } from './scripts/build-server.ts';
import { ISOLATION_HEADERS, SECURITY_HEADERS } from './scripts/security-headers.ts';
import { securityHeaders } from './scripts/vite-plugin-security-headers.ts';
import { tfjsWasmThreads } from './scripts/vite-plugin-tfjs-wasm-threads.ts';

/**
 * Headers come from scripts/security-headers.ts. `vite preview` (what `npm start` and the
 * end-to-end tests serve) sends all of them, as a static host should; the dev server sends only
 * cross-origin isolation, since its hot reload runs inline scripts the CSP forbids.
 */
export default defineConfig({
  plugins: [react(), securityHeaders(), saplingRuntime(), saplingServer()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...SECURITY_HEADERS }, port: 4173, strictPort: false },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/core/testing/setupTf.ts'],
    testTimeout: 60_000,
  },
});
