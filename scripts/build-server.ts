// Builds sapling-serve.mjs: the prediction server (src/server/main.ts) as one ES module with
// fastify and the runtime inside, so `node sapling-serve.mjs /models` runs with no node_modules
// (the container copies only this file). `vite build` writes it to dist/server through the plugin
// below; on its own: `npx tsx scripts/build-server.ts [outdir]`.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { writeAfterBuild } from './vite-after-build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes sapling-serve.mjs into `outdir` (default dist/server); returns its path. */
export async function buildServer(outdir = join(root, 'dist', 'server')): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'sapling-serve.mjs');
  await build({
    entryPoints: [join(root, 'src', 'server', 'main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    // fastify and its dependencies are CommonJS and `require` Node's modules, which an ES module
    // bundle can only do through a require made here.
    banner: { js: "import { createRequire as __saplingRequire } from 'node:module'; const require = __saplingRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/** Vite plugin: after the studio's build, writes the server beside it (`<outDir>/server/`). */
export function saplingServer(): Plugin {
  return writeAfterBuild('sapling-server', 'server', (outdir) => buildServer(outdir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await buildServer(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
