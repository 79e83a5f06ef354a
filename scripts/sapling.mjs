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

/**
 * Packages bundled into the CLI instead of loaded from node_modules: ml-matrix is CommonJS, and
 * importing it from an ES module cost every start (and every worker thread) ~0.1–0.2 s of parsing
 * its 150 KB for named exports before any command ran; bundled, its code compiles only when PCA runs.
 */
const BUNDLED = new Set(['ml-matrix']);

/** `packages: 'external'` with exceptions: every bare import stays external unless its package is in `bundled`. */
function externalPackagesBut(bundled) {
  return {
    name: 'external-packages-but',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return bundled.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
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
    // Packages load from node_modules at run time, except those in BUNDLED.
    plugins: [externalPackagesBut(BUNDLED)],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}
await import(pathToFileURL(bundle).href);
