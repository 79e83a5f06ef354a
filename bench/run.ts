/**
 * `npm run bench`: measures Sapling against the references named in DEVELOPERS.md and the issues,
 * prints the figures, and writes them into the README between the bench markers, one block per
 * section. `npm run bench -- accuracy` (or `tsx bench/run.ts ingest training`) runs only those and
 * keeps the other blocks. Ratios come from one run on one machine; the machines are shared and
 * noisy, so read them as rough.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { accuracySection, autoSection, autoSplitsSection } from './accuracy';
import { featuresSection } from './features';
import { frameworksSection } from './frameworks';
import { fuzzSection } from './fuzz';
import { modelsSection } from './models';
import { monitorSection } from './monitor';
import { rlSection } from './rl';
import { runtimeSection } from './runtime';
import { browserEpochTimes, browserIngest, loopVersusFit } from './browser';
import { DATA_DIR, classificationCsv, mixedCsv } from './data';
import { nodeEpochTimes } from './node';
import { serveSection } from './serve';
import { serveMonitorSection } from './serveMonitor';
import { tuningSection } from './tuning';

const root = join(import.meta.dirname, '..');
const EPOCHS = 3;
const BATCH = 32;

function fmt(ms: number): string {
  return ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

function python(script: string, ...args: string[]): number | null {
  const r = spawnSync('/usr/bin/python3', [join(import.meta.dirname, script), ...args], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

/** Wall seconds and peak resident memory (KB) of a whole process, by GNU time; the median of `runs`. */
function timed(command: string[], runs = 3): { seconds: number; maxKb: number } {
  const results: { seconds: number; maxKb: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...command], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${command.join(' ')} failed: ${r.stderr.slice(-500)}`);
    const [seconds, maxKb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    results.push({ seconds, maxKb });
  }
  results.sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor(runs / 2)];
}

/** A benchmark section: prints its figures through `say`; they become its block of the README. */
type Section = (say: (line: string) => void) => Promise<void>;

function machine(): string {
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.`;
}

/** Ingest: the issue's 1M-row file, whole processes, median of three runs each; then the studio. */
async function ingest(say: (line: string) => void): Promise<void> {
  const big = mixedCsv(1_000_000);
  const fileMb = statSync(big).size / 1024 ** 2;
  const ours = timed([process.execPath, 'scripts/sapling.mjs', 'profile', big]);
  const pandas = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0 ? timed(['/usr/bin/python3', join(import.meta.dirname, 'pandas_profile.py'), big]) : null;
  say(`Reading and profiling a ${fileMb.toFixed(0)} MB CSV (1,000,000 rows: 20 numeric, 3 categorical columns), whole process, median of 3:`);
  say('');
  say('| | wall time | peak memory | memory / file size |');
  say('| --- | --- | --- | --- |');
  say(`| \`sapling profile\` | ${ours.seconds.toFixed(2)} s | ${(ours.maxKb / 1024).toFixed(0)} MB | ${(ours.maxKb / 1024 / fileMb).toFixed(2)}× |`);
  if (pandas) say(`| pandas \`read_csv\` + \`describe(include='all')\` | ${pandas.seconds.toFixed(2)} s | ${(pandas.maxKb / 1024).toFixed(0)} MB | ${(pandas.maxKb / 1024 / fileMb).toFixed(2)}× |`);
  say('');
  if (pandas) say(`Time ratio Sapling / pandas: **${(ours.seconds / pandas.seconds).toFixed(2)}** (goal ≤ 1.0).`);
  const studio = await browserIngest(big);
  say(
    `In the studio (headless Chromium, built app): the same file loads and profiles in ${studio.seconds.toFixed(1)} s; ` +
      `the main thread's longest task meanwhile: ${studio.longestTaskMs.toFixed(0)} ms (${studio.longTasksOver50} over 50 ms); ` +
      `scrolling the data grid through all million rows: longest task ${studio.scrollLongestTaskMs.toFixed(0)} ms.`,
  );
}

/** Training speed: network epochs against scikit-learn (CLI, worker), whole processes, the studio's responsiveness. */
async function training(say: (line: string) => void): Promise<void> {
  const csv = classificationCsv(20_000, 20);
  const batches = [32, 256];
  say(`Network epoch: MLP 20→64→64→1 on 20,000 rows, Adam, ${EPOCHS} epochs; milliseconds per epoch, all in this one run:`);
  say('');
  say(`| where | trainer | ${batches.map((b) => `batch ${b}`).join(' | ')} |`);
  say(`| --- | --- | ${batches.map(() => '---').join(' | ')} |`);
  const node = await nodeEpochTimes(csv, EPOCHS, batches);
  const sk = batches.map((b) => python('sklearn_mlp.py', csv, String(EPOCHS), String(b)));
  const loop = await loopVersusFit(20_000, EPOCHS, batches);
  const row = (where: string, trainer: string, ms: readonly (number | null)[]) => say(`| ${where} | ${trainer} | ${ms.map((m) => (m === null ? 'n/a' : fmt(m))).join(' | ')} |`);
  row('Node (CLI)', `Sapling dense trainer (WebAssembly, ${node.variant})`, node.dense);
  row('Node (CLI)', `TF.js loop it replaced (${node.backend})`, node.tfjs);
  row('headless Chromium, worker (bench page, built)', 'Sapling dense trainer (WebAssembly)', loop.dense);
  row('headless Chromium, worker (bench page, built)', `TF.js loop it replaced (${loop.backend}, ${loop.detail})`, loop.tfjs);
  row('Python', 'scikit-learn MLPClassifier (float64)', sk);
  say('');
  const ratio = (ours: number, theirs: number | null) => (theirs === null ? 'n/a' : `**${(ours / theirs).toFixed(2)}**`);
  say(`Sapling / scikit-learn per epoch (goal ≤ 1.0): CLI ${batches.map((b, i) => `batch ${b} ${ratio(node.dense[i], sk[i])}`).join(', ')}; ` +
    `studio worker ${batches.map((b, i) => `batch ${b} ${ratio(loop.dense[i], sk[i])}`).join(', ')}.`);
  say('');
  const big = classificationCsv(200_000, 20);
  const sapling = timed([process.execPath, 'scripts/sapling.mjs', 'train', big, '--target', 'y', '--model', 'mlp', '--param', 'epochs=5', '--param', 'earlyStopping=false', '--out', join(DATA_DIR, 'mlp-200k.json')], 1);
  const python5 = timed(['/usr/bin/python3', join(import.meta.dirname, 'sklearn_train_process.py'), big, '5'], 1);
  say(`Whole processes on a 200,000-row × 20 CSV (${(statSync(big).size / 1024 ** 2).toFixed(0)} MB), 5 epochs of the same network at batch 200, reading and a 20% test split included:`);
  say(`\`sapling train --model mlp\` ${sapling.seconds.toFixed(2)} s, scikit-learn (pandas read_csv, StandardScaler, MLPClassifier) ${python5.seconds.toFixed(2)} s: ratio ${ratio(sapling.seconds, python5.seconds)} (goal ≤ 1.0).`);
  say('');
  const browser = await browserEpochTimes(csv, EPOCHS, BATCH, ['wasm']);
  // The long-task observer reports only tasks of 50 ms or more: none is the goal met.
  const longest = (ms: number) => `**${ms > 0 ? `${ms.toFixed(0)} ms` : 'none over 50 ms'}**`;
  say(`The studio (built app, through the UI, ${browser.chosen} chosen here; candidates: ${browser.candidates.map((c) => `\`${c}\``).join(', ')}): ` +
    `${fmt(browser.msPerEpoch.wasm)} per epoch at batch ${BATCH} on wasm. The page's longest main-thread task (goal: none over 50 ms) ` +
    `while the network trains: ${longest(browser.longestTaskMs.wasm.longestMs)}; while gradient boosting trains (default settings, same file): ${longest(browser.boosting.longestMs)}. ` +
    `The most main-thread CPU time one task took (Chrome trace; load stretches the wall time above, far less this): ${browser.longestTaskMs.wasm.longestCpuMs.toFixed(0)} ms and ${browser.boosting.longestCpuMs.toFixed(0)} ms.`);
}

/** The sections in README order; `npm run bench -- <name>…` runs only those named. */
const SECTIONS: Readonly<Record<string, Section>> = { ingest, training, models: modelsSection, accuracy: accuracySection, auto: autoSection, 'auto-splits': autoSplitsSection, tuning: tuningSection, fuzz: fuzzSection, runtime: runtimeSection, serve: serveSection, 'serve-monitor': serveMonitorSection, frameworks: frameworksSection, monitor: monitorSection, features: featuresSection, rl: rlSection };

/**
 * Writes a section's lines into its own block of the README (`<!-- bench:NAME:start -->` …), inside
 * the bench block, so running one section keeps the others' figures.
 */
function writeReadmeBlock(readme: string, name: string, lines: readonly string[]): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${lines.join('\n')}\n${end}`;
  const existing = new RegExp(`${start}[\\s\\S]*?${end}`);
  if (existing.test(readme)) return readme.replace(existing, () => block);
  if (!readme.includes('<!-- bench:end -->')) throw new Error('README.md has no <!-- bench:end --> marker');
  return readme.replace('<!-- bench:end -->', () => `${block}\n\n<!-- bench:end -->`);
}

/** Section names on the command line; `--name value` pairs are options a section reads itself (`fuzz --cases 500`). */
function sectionNames(argv: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) i++;
    else names.push(argv[i]);
  }
  return names;
}

const asked = sectionNames(process.argv.slice(2));
const unknown = asked.filter((name) => !(name in SECTIONS));
if (unknown.length) throw new Error(`unknown bench section ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${Object.keys(SECTIONS).join(', ')})`);
const readmePath = join(root, 'README.md');
for (const name of Object.keys(SECTIONS).filter((n) => asked.length === 0 || asked.includes(n))) {
  console.log(`\n## ${name}\n`);
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  say(machine());
  say('');
  await SECTIONS[name](say);
  // Written after each section, so a later section's failure keeps this one's figures.
  writeFileSync(readmePath, writeReadmeBlock(readFileSync(readmePath, 'utf8'), name, lines));
}
console.log('\nREADME.md updated.');
