import { defineConfig } from '@playwright/test';
// @ts-expect-error plain ESM helper shared with scripts/ensure-chromium.mjs
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// A second checkout or helper can run its own copy beside this one (another port, another build folder).
const PORT = Number(process.env.SAPLING_E2E_PORT ?? 4317);
const OUT_DIR = process.env.SAPLING_E2E_DIST ?? 'dist';

/** End-to-end tests drive the built app (`vite preview`) in Debian's headless Chromium. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.SAPLING_E2E_DIST ? `${process.env.SAPLING_E2E_DIST}-results` : 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
