import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Vite plugin: after the studio's build, `write` puts a standalone file into `<outDir>/<folder>/`
 * (the prediction runtime, the server bundle), so `npm run build` writes every deliverable at once.
 */
export function writeAfterBuild(name: string, folder: string, write: (outdir: string) => Promise<string>): Plugin {
  let outDir = 'dist';
  return {
    name,
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await write(join(outDir, folder));
    },
  };
}
