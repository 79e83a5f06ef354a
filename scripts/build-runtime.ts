// Builds sapling-runtime.js: src/runtime/index.ts as one ES module with no imports, for web pages,
// Node services and the one-file prediction page, and its sapling-runtime.d.ts. `vite build` writes
// them to dist/runtime through the plugin below; on its own: `npx tsx scripts/build-runtime.ts [outdir]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Plugin as EsbuildPlugin, build } from 'esbuild';
import ts from 'typescript';
import type { Plugin } from 'vite';
import { writeAfterBuild } from './vite-after-build';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The values the runtime exports, declared; its types come from src/runtime/types.ts (a file with no imports). */
const VALUE_DECLARATIONS = `
/** A Sapling error: a stable \`code\` (\`bad-model-file\`, \`missing-columns\`, \`wrong-type\`, …) and a message naming the row and column. */
export declare class SaplingError extends Error {
  readonly code: string;
  constructor(code: string, message: string);
}

/**
 * Loads a Sapling model file (its JSON text or the parsed object) of any family and any version this
 * Sapling reads; a file that is not one is a SaplingError with the same message as the CLI's.
 */
export declare function loadModel(json: string | object): Promise<SaplingModel>;
`;

/** The runtime's .d.ts: the declarations of src/runtime/types.ts and of loadModel and SaplingError. */
export function runtimeDeclarations(): string {
  const source = readFileSync(join(root, 'src', 'runtime', 'types.ts'), 'utf8');
  const { outputText, diagnostics } = ts.transpileDeclaration(source, { fileName: 'types.ts', compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  if (diagnostics?.length) throw new Error(`src/runtime/types.ts: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
  return `// Sapling prediction runtime: sapling-runtime.js's types.\n${outputText.replace(/^export \{\};\s*$/m, '')}${VALUE_DECLARATIONS}`;
}

/**
 * Leaves the families' parameter help text out of the runtime (`help: '…'` becomes `help: ''` in
 * src/core/models): the studio's forms show it, while the runtime only checks a file's parameters
 * against the schema's types, ranges and choices. It is a fifth of the module's gzipped size.
 */
const withoutHelpText: EsbuildPlugin = {
  name: 'without-help-text',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]core[\\/]models[\\/].*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bhelp: '(?:[^'\\\n]|\\.)*'/g, "help: ''"),
      loader: 'ts',
    }));
  },
};

/** Writes sapling-runtime.js and sapling-runtime.d.ts into `outdir` (default dist/runtime); returns the module's path. */
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
    // Nothing is external: the runtime predicts with no TF.js, so the module imports nothing.
    plugins: [withoutHelpText],
    logLevel: 'warning',
  });
  writeFileSync(join(outdir, 'sapling-runtime.d.ts'), runtimeDeclarations());
  return outfile;
}

/** Vite plugin: after the studio's build, writes the runtime beside it (`<outDir>/runtime/`). */
export function saplingRuntime(): Plugin {
  return writeAfterBuild('sapling-runtime', 'runtime', (outdir) => buildRuntime(outdir));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await buildRuntime(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
