/**
 * `npm run bench -- fuzz`: 10,000 mutated cases of each kind (every model family's file, the
 * project file, CSV bytes) run in two worker threads with a per-case time limit; prints, per kind,
 * the cases accepted, refused by error code, hangs and crashes, and writes them as JSON to
 * bench/.data/fuzz/results.json, with the first case of each distinct crash and hang as a file in
 * bench/.data/fuzz/cases/. Options: `--cases N` (or FUZZ_CASES), `--timeout MS` (or
 * FUZZ_TIMEOUT_MS), `--kinds model:tree,csv` (or FUZZ_KINDS), `--seed S`, `--from I` (first case).
 */
import * as tf from '@tensorflow/tfjs';
import * as fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { makeFuzzBases } from '../src/core/testing/fuzz/bases';
import { fuzzKinds } from '../src/core/testing/fuzz/kinds';
import type { Outcome } from '../src/core/testing/fuzz/outcome';
import { DATA_DIR } from './data';
import { FuzzPool } from './fuzz/pool';

const WORKERS = 2;
/** Hang descriptions kept per kind. */
const KEEP = 5;
/** Distinct crash sites printed (all are in the JSON). */
const SHOWN = 12;

/** The value of `--name V` on the command line, else the environment variable, else the default. */
function option(name: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : (process.env[env] ?? fallback);
}

/** What one kind's cases came to. */
export interface KindResult {
  kind: string;
  cases: number;
  accepted: number;
  refused: Record<string, number>;
  hangs: number;
  crashes: number;
  seconds: number;
  /** Crashes grouped by where they were thrown (`crashSite`), with their count and first case. */
  distinctCrashes: { site: string; error: string; count: number; firstCase: number; description: string }[];
  hangCases: { case: number; description: string }[];
}

/** Runs the fuzz bench and prints its table through `say`. */
export async function fuzzSection(say: (line: string) => void): Promise<void> {
  const cases = Number(option('cases', 'FUZZ_CASES', '10000'));
  const timeoutMs = Number(option('timeout', 'FUZZ_TIMEOUT_MS', '5000'));
  const seed = Number(option('seed', 'FUZZ_SEED', '11'));
  const only = option('kinds', 'FUZZ_KINDS', '');
  // `--from 215 --cases 1 --kinds model:mlp` runs case 215 of that kind alone, to see it again.
  const from = Number(option('from', 'FUZZ_FROM', '0'));
  const folder = join(DATA_DIR, 'fuzz');
  const kept = join(folder, 'cases');
  rmSync(kept, { recursive: true, force: true });
  mkdirSync(kept, { recursive: true });
  /** Writes a faulty case as a file (`model-mlp-215.json`, `csv-262.csv`) so it can be given to `sapling predict` or `profile`. */
  const keepCase = (kind: string, index: number, payload: unknown) => {
    const c = payload as { text?: string; bytes?: Uint8Array };
    const name = `${kind.replace(':', '-')}-${index}`;
    if (c.text !== undefined) writeFileSync(join(kept, `${name}.json`), c.text);
    else if (c.bytes) writeFileSync(join(kept, `${name}.csv`), c.bytes);
  };
  const maxField = 1 << 20;
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const bases = await makeFuzzBases();
  const kinds = fuzzKinds(bases, maxField).filter((k) => !only || only.split(',').includes(k.name));
  const pool = new FuzzPool(WORKERS, bases, maxField, timeoutMs, 1024);
  const results: KindResult[] = [];
  say(`${cases.toLocaleString('en')} mutated cases of each kind, seed ${seed}${from ? `, from case ${from}` : ''}, ${WORKERS} worker threads, ${timeoutMs / 1000} s per case (a worker that does not answer is terminated: a hang); a crash is any error that is not a Sapling error, or a NaN output:`);
  say('');
  say('| kind | cases | accepted | refused (by error code) | hangs | crashes | time |');
  say('| --- | --- | --- | --- | --- | --- | --- |');
  try {
    for (const kind of kinds) {
      const r: KindResult = { kind: kind.name, cases, accepted: 0, refused: {}, hangs: 0, crashes: 0, seconds: 0, distinctCrashes: [], hangCases: [] };
      const t0 = performance.now();
      const record = (index: number, payload: unknown, o: Outcome) => {
        if (o.verdict === 'accepted') r.accepted++;
        else if (o.verdict === 'refused') r.refused[o.code] = (r.refused[o.code] ?? 0) + 1;
        else if (o.verdict === 'hang') {
          r.hangs++;
          if (r.hangCases.length < KEEP) {
            r.hangCases.push({ case: index, description: kind.describe(payload) });
            keepCase(kind.name, index, payload);
          }
        } else {
          r.crashes++;
          // One fault, one site: messages differ with the data they quote (`Unknown initializer: Zer0s`).
          const key = `${o.error.split(':')[0]} at ${o.site}`;
          const known = r.distinctCrashes.find((d) => `${d.error.split(':')[0]} at ${d.site}` === key);
          if (known) known.count++;
          else {
            r.distinctCrashes.push({ site: o.site, error: o.error, count: 1, firstCase: index, description: kind.describe(payload) });
            keepCase(kind.name, index, payload);
          }
        }
      };
      // Cases are drawn here (case i from seed + i, so any one can be drawn again alone) and run two at a time.
      let next = from;
      const lane = async () => {
        while (next < from + cases) {
          const index = next++;
          const [payload] = fc.sample(kind.cases, { seed: seed + index, numRuns: 1 });
          record(index, payload, await pool.run(kind.name, index, payload));
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, lane));
      r.seconds = (performance.now() - t0) / 1000;
      results.push(r);
      const refused = Object.entries(r.refused).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ') || '—';
      say(`| ${r.kind} | ${r.cases} | ${r.accepted} | ${refused} | ${r.hangs} | ${r.crashes} | ${r.seconds.toFixed(0)} s |`);
    }
  } finally {
    await pool.close();
  }
  const total = (f: (r: KindResult) => number) => results.reduce((a, r) => a + f(r), 0);
  say('');
  say(`In all: ${total((r) => r.cases).toLocaleString('en')} cases, ${total((r) => r.accepted).toLocaleString('en')} accepted, ${total((r) => Object.values(r.refused).reduce((a, b) => a + b, 0)).toLocaleString('en')} refused with a Sapling error, **${total((r) => r.hangs)} hangs, ${total((r) => r.crashes)} crashes** (goal: 0 and 0); ${pool.started - WORKERS} workers replaced.`);
  // The distinct faults across kinds, most frequent first (every one is in the JSON).
  const faults = new Map<string, { count: number; kinds: Set<string>; example: KindResult['distinctCrashes'][number] }>();
  for (const r of results) {
    for (const c of r.distinctCrashes) {
      const key = `${c.error.split(':')[0]} at ${c.site}`;
      const f = faults.get(key) ?? { count: 0, kinds: new Set<string>(), example: c };
      f.count += c.count;
      f.kinds.add(r.kind);
      faults.set(key, f);
    }
  }
  const sorted = [...faults.values()].sort((a, b) => b.count - a.count);
  if (sorted.length) say('');
  for (const f of sorted.slice(0, SHOWN)) {
    say(`- ${f.count} × \`${f.example.error.slice(0, 160)}\` at ${f.example.site} (${[...f.kinds].join(', ')}); e.g. ${f.example.description.slice(0, 200)}`);
  }
  if (sorted.length > SHOWN) say(`- … and ${sorted.length - SHOWN} more distinct crash sites (see the JSON).`);
  for (const r of results) for (const h of r.hangCases) say(`- hang in ${r.kind}, case ${h.case}: ${h.description.slice(0, 200)}`);
  const path = join(folder, 'results.json');
  writeFileSync(path, JSON.stringify({ date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`, seed, cases, timeoutMs, workers: WORKERS, results }, null, 2));
  console.log(`\n(results written to ${path})`);
}
