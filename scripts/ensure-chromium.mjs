// Makes sure the end-to-end tests have a Chromium: finds one, or on Debian as root installs
// Debian's `chromium` package. Anything else gets a clear message and exit code 1.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

let path = findChromium();
if (!path) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && existsSync('/etc/debian_version')) {
    console.log('No Chromium found: installing Debian\'s chromium package (apt-get)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    path = findChromium();
  }
}
if (!path) {
  console.error('error: no Chromium found for the end-to-end tests. Install one (Debian: apt-get install chromium) or set SAPLING_CHROMIUM to its path.');
  process.exit(1);
}
console.log(`end-to-end tests will use ${path}`);
