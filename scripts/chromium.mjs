// Finds a Chromium for the end-to-end tests, in this order: $SAPLING_CHROMIUM or $CHROMIUM_PATH,
// /usr/bin/chromium (Debian's package), then Playwright's own download cache. Playwright cannot
// download browsers on our machines, so this never tries that.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The path of a Chromium executable, or null when there is none. */
export function findChromium() {
  for (const candidate of [process.env.SAPLING_CHROMIUM, process.env.CHROMIUM_PATH]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(path)) return path;
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const dir of readdirSync(cache).filter((d) => d.startsWith('chromium')).sort().reverse()) {
      for (const rel of ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell']) {
        const path = join(cache, dir, rel);
        if (existsSync(path)) return path;
      }
    }
  }
  return null;
}

/** Flags for headless Chromium on machines with no network and no GPU (see DEVELOPERS.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
