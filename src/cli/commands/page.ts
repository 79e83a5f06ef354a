import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { predictionPageHtml } from '../../core/deploy/page';
import { SaplingError } from '../../core/util/errors';
import { readBytes, writeOut, writeStdout } from '../io';

/**
 * `sapling page <model.json> [--out page.html]`: the studio's one-file prediction page for a model
 * file (runtime and model inlined, nothing fetched), written to the file or standard output.
 */
export async function pageCommand(modelPath: string, options: { out?: string }): Promise<void> {
  const modelJson = new TextDecoder().decode(readBytes(modelPath));
  let html: string;
  try {
    html = predictionPageHtml(runtimeSource(), modelJson);
  } catch (e) {
    if (e instanceof SaplingError) throw new SaplingError(e.code, `${modelPath}: ${e.message}`);
    throw e;
  }
  if (options.out) {
    await writeOut(options.out, html);
    console.log(`prediction page written to ${options.out} (${Math.round(html.length / 1024)} KB; open it in a browser, no server needed)`);
  } else {
    await writeStdout((write) => write(html));
  }
}

/**
 * The runtime module's text, built from this checkout's src/runtime as `vite build` builds
 * dist/runtime/sapling-runtime.js (scripts/build-runtime.ts, run once more here): a dist/ left from
 * an older build would inline an older runtime than the code the CLI runs.
 */
function runtimeSource(): string {
  const root = checkoutRoot();
  const dir = mkdtempSync(join(tmpdir(), 'sapling-runtime-'));
  try {
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const r = spawnSync(process.execPath, [tsx, join(root, 'scripts', 'build-runtime.ts'), dir], { cwd: root, encoding: 'utf8' });
    const built = join(dir, 'sapling-runtime.js');
    if (r.status !== 0 || !existsSync(built)) throw new SaplingError('no-runtime', `could not build the runtime module: ${(r.stderr || r.error?.message || '').trim().split('\n')[0]}`);
    return readFileSync(built, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Sapling checkout this code runs from (the CLI's bundle lives in its node_modules/.cache). */
function checkoutRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'scripts', 'build-runtime.ts')) && existsSync(join(dir, 'src', 'runtime'))) return dir;
    if (dirname(dir) === dir) throw new SaplingError('no-runtime', 'the runtime sources (src/runtime, scripts/build-runtime.ts) were not found above the CLI');
  }
}
