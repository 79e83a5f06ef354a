import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnyModelFile } from '../../core/artifact/load';
import type { AnyModelFile } from '../../core/artifact/modelFile';
import { type ColumnHint, profileHints } from '../../core/deploy/fields';
import { predictionPageHtml } from '../../core/deploy/page';
import { pageProgramSource } from '../../page/pageApp';
import type { ReadSettings } from '../../core/ingest/reader';
import { profileTableWith } from '../../core/profile/profile';
import { formatCell } from '../../core/table/column';
import { SaplingError } from '../../core/util/errors';
import { readCsvFile, readModelFile, writeOut, writeStdout } from '../io';
import type { WorkerPool } from '../parallel';

/**
 * `sapling page <model.json> [--data train.csv] [--out page.html]`: the studio's one-file
 * prediction page for a model file (runtime and model inlined, nothing fetched), written to the
 * file or standard output. With `--data` (the data the model was trained on) the form shows each
 * number's range in it and starts from its first row, as the studio's page does.
 */
export async function pageCommand(modelPath: string, options: { out?: string; data?: string; read?: ReadSettings }, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseAnyModelFile);
  const hints = options.data ? await dataHints(file, options.data, options.read, pool) : {};
  const html = predictionPageHtml(runtimeSource(), pageProgramSource(), file, { hints });
  if (options.out) {
    await writeOut(options.out, html);
    console.log(`prediction page written to ${options.out} (${Math.round(html.length / 1024)} KB; open it in a browser, no server needed)`);
  } else {
    await writeStdout((write) => write(html));
  }
}

/** The form's hints from the training data: read with the model's column kinds, profiled as the studio profiles it. */
async function dataHints(file: AnyModelFile, path: string, read: ReadSettings = {}, pool?: WorkerPool): Promise<Record<string, ColumnHint>> {
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const { table, warnings } = await readCsvFile(path, { ...read, kinds: { ...read.kinds, ...kinds } }, pool);
  for (const w of warnings) console.error(`warning: ${w.message}`);
  const profile = await profileTableWith(table, {}, pool);
  const first = table.rowCount > 0 ? { columns: table.columns.map((c) => c.name), row: table.columns.map((c) => formatCell(c, 0)) } : undefined;
  return profileHints(file.inputSchema, profile, first);
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
