// Builds sapling-runtime.js: src/runtime/index.ts as one ES module with no imports, for web pages,
// Node services and the one-file prediction page. `vite build` writes it to dist/runtime through the
// plugin below; on its own: `npx tsx scripts/build-runtime.ts [outdir]`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes sapling-runtime.js into `outdir` (default dist/runtime); returns its path. */
export async function buildRuntime(outdir = join(root, 'dist', 'runtime')): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'sapling-runtime.js');
  await build({
    entryPoints: [join(root, 'src', 'runtime', 'index.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    // INTERIM (issue 13): the network families still predict through TF.js; the runtime helper removes this.
    external: ['@tensorflow/tfjs'],
    logLevel: 'warning',
  });
  return outfile;
}

/** Vite plugin: after the studio's build, writes the runtime beside it (`<outDir>/runtime/`). */
export function saplingRuntime(): Plugin {
  let outDir = 'dist';
  return {
    name: 'sapling-runtime',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await buildRuntime(join(outDir, 'runtime'));
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await buildRuntime(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
