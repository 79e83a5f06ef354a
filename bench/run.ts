/**
 * `npm run bench`: measures Sapling against the references named in DEVELOPERS.md and the issues,
 * prints the figures, and writes them into the README between the bench markers. Ratios come from
 * one run on one machine; the machines are shared and noisy, so read them as rough.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { browserEpochTimes, loopVersusFit } from './browser';
import { classificationCsv } from './data';
import { nodeEpochTimes } from './node';

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

function wholeProcessMs(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, stdio: 'ignore' });
  return performance.now() - t;
}

const csv = classificationCsv(20_000, 20);
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};

say(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.`);
say('');
say(`MLP 20→64→64→1, 20,000 rows, batch ${BATCH}, Adam, ${EPOCHS} epochs; time per epoch:`);
say('');
say('| where | backend | Sapling | reference |');
say('| --- | --- | --- | --- |');
const node = await nodeEpochTimes(csv, EPOCHS, BATCH);
const sk = python('sklearn_mlp.py', csv, String(EPOCHS), String(BATCH));
say(`| Node (CLI) | ${node.backend} | ${fmt(node.saplingMs)} | TF.js \`model.fit\` ${fmt(node.fitMs)} |`);
say(`| Python | — | — | scikit-learn MLPClassifier ${sk === null ? 'not installed' : fmt(sk)} |`);
const loop = await loopVersusFit(20_000, EPOCHS, BATCH);
say(`| headless Chromium, worker (bench page) | ${loop.backend} (${loop.detail}) | ${fmt(loop.sapling)} | TF.js \`model.fit\` ${fmt(loop.fit)} |`);
const browser = await browserEpochTimes(csv, EPOCHS, BATCH, ['wasm', 'cpu']);
for (const [backend, ms] of Object.entries(browser.msPerEpoch)) say(`| the studio (built app, through the UI) | ${backend} | ${fmt(ms)} | |`);
say('');
say(`The studio chose **${browser.chosen}** here; candidates: ${browser.candidates.map((c) => `\`${c}\``).join(', ')}.`);
if (sk !== null) say(`Sapling in the browser (${browser.chosen}) is ${((browser.msPerEpoch[browser.chosen] ?? NaN) / sk).toFixed(1)}× scikit-learn's epoch time.`);
say('');
say('Whole `sapling train` processes on the same CSV (start-up, parse, train, evaluate):');
say('');
say(`- logistic regression: ${fmt(wholeProcessMs(['train', csv, '--target', 'y', '--model', 'logistic']))}`);
say(`- MLP, 5 epochs, batch 200: ${fmt(wholeProcessMs(['train', csv, '--target', 'y', '--model', 'mlp', '--param', 'epochs=5', '--param', 'earlyStopping=false']))}`);

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${lines.join('\n')}\n<!-- bench:end -->`);
writeFileSync(readmePath, updated);
console.log('\nREADME.md updated.');
