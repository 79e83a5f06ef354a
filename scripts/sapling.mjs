// The `sapling` command (`npm run sapling -- …`): runs src/cli/main.ts as one bundled ES module.
// The bundle is rebuilt with esbuild (~0.2 s) whenever a source file is newer than it, so the
// command always runs the current code, and starts as fast as plain Node otherwise: no TypeScript
// transpiling on every run (which tsx would add), and worker threads can load the same file.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'node_modules', '.cache', 'sapling');
const bundle = join(outdir, 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

let built = 0;
try {
  built = statSync(bundle).mtimeMs;
} catch {
  // not built yet
}
if (built < Math.max(...['core', 'cli', 'runtime', 'server', 'page'].map((dir) => newestSource(join(root, 'src', dir))))) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'package.json'), '{"type": "module"}\n');
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    outdir,
    outExtension: { '.js': '.js' },
    bundle: true,
    // Separate chunks for dynamic imports, so `profile` never loads TF.js.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);
