import * as fc from 'fast-check';
import { parseAnyModelFile } from '../../artifact/load';
import { loadModel, predictionColumns, predictTable } from '../../artifact/predict';
import { readCsvBytes } from '../../ingest/csv';
import type { ReadSettings } from '../../ingest/reader';
import { bytesSource } from '../../ingest/source';
import { writeRowsCsv } from '../../ingest/writeCsv';
import { recipeFacts, profileTable } from '../../profile/profile';
import { compareRuns } from '../../project/compare';
import { parseProjectFile } from '../../project/projectFile';
import { keyMetric, mergeRuns } from '../../project/runRecord';
import type { FuzzBases } from './bases';
import { mutatedCsv } from './csvBytes';
import type { FuzzKind } from './kind';
import { type Json, type JsonPath, type Mutated, mutatedJson } from './mutate';

/** A fault that is not an exception of Sapling's code: a silent NaN, an impossible output. */
export class FuzzFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuzzFault';
  }
}

/** A mutated JSON file: its text and what was done to it. */
export interface JsonCase {
  readonly base: string;
  readonly text: string;
  readonly mutations: readonly string[];
}

/** Mutated CSV bytes, and the reading choices a person may force (the CLI's reading flags). */
export interface CsvCase {
  readonly bytes: Uint8Array;
  readonly mutations: readonly string[];
  readonly read: ReadSettings;
}

/** Reading choices, each usually left to detection (as most people leave them). */
const readArb: fc.Arbitrary<ReadSettings> = fc.record(
  {
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    encoding: fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', 'windows-1252'),
    decimal: fc.constantFrom('.', ','),
    header: fc.boolean(),
    ragged: fc.constantFrom('drop', 'pad'),
    sample: fc.record({ mode: fc.constantFrom('head', 'random'), rows: fc.integer({ min: 0, max: 5 }) }),
    kinds: fc.dictionary(fc.constantFrom('id', 'species', 'name', 'when', 'amount', 'a', ''), fc.constantFrom('numeric', 'categorical', 'text', 'datetime', 'boolean')),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ReadSettings>;

/** Memory a fuzzed CSV may take (the CLI allows 60% of the machine; cases are small). */
const CSV_BUDGET = 256 << 20;

function jsonCases(bases: readonly { readonly name: string; readonly text: string }[], focus?: (path: JsonPath) => boolean): fc.Arbitrary<JsonCase> {
  const arbs = bases.map(({ name, text }) =>
    mutatedJson(JSON.parse(text) as Json, { focus }).map((m: Mutated) => ({ base: name, text: JSON.stringify(m.doc), mutations: m.mutations })),
  );
  return arbs.length === 1 ? arbs[0] : fc.oneof(...arbs);
}

/** The parts of a model file that loading and predicting read (the report and config are only shown). */
const PREDICTING_PARTS = new Set(['format', 'version', 'problem', 'inputSchema', 'pipeline', 'model', 'decision']);
const predictingPart = (path: JsonPath) => PREDICTING_PARTS.has(path[0] as string) && !(path[0] === 'model' && path[1] === 'history');

const describeJson = (c: JsonCase) => `${c.base}: ${c.mutations.join('; ')}`;

/**
 * `model:<family>`: the family's valid files (one per task) mutated, then read, loaded and
 * predicted as `sapling predict` does, on a few rows read with the file's column kinds. Outputs
 * are checked for NaN before they are turned into labels or cluster numbers (where NaN would
 * silently become class 0), and every cell of the predictions CSV is rendered.
 */
export function modelKind(family: string, bases: FuzzBases): FuzzKind<JsonCase> {
  const files = bases.models[family] ?? [];
  if (!files.length) throw new Error(`no base model file for ${family}`);
  const rows = new TextEncoder().encode(bases.predictCsv);
  return {
    name: `model:${family}`,
    cases: jsonCases(
      files.map((f) => ({ name: `${family}/${f.task}`, text: f.text })),
      predictingPart,
    ),
    describe: describeJson,
    async run(c) {
      const file = parseAnyModelFile(c.text);
      const kinds = Object.fromEntries(file.inputSchema.map((col) => [col.name, col.kind]));
      const read = await readCsvBytes(rows, { kinds });
      const model = await loadModel(file);
      try {
        // The raw outputs are watched for NaN: refusing them is Sapling's job (a clean error), but
        // a NaN that gets through silently becomes a label or cluster 0 below, where it no longer shows.
        const inner = model.predictor;
        let nan = -1;
        const watched = {
          ...model,
          predictor: {
            outputs(X: Float32Array, n: number) {
              const out = inner.outputs(X, n);
              nan = out.findIndex((v) => Number.isNaN(v));
              return out;
            },
            dispose: () => inner.dispose(),
          },
        };
        const predictions = predictTable(watched, read.table);
        if (nan >= 0) throw new FuzzFault(`output ${nan} is NaN and was predicted without an error`);
        const columns = predictionColumns(predictions);
        for (const col of columns) {
          for (let i = 0; i < predictions.rows; i++) {
            const cell = col.cell(i);
            if (typeof cell !== 'string' || cell === 'NaN' || cell === 'undefined') throw new FuzzFault(`${col.name} of row ${i} is ${String(cell)}`);
          }
        }
        await writeRowsCsv(bytesSource(rows), read, {}, columns, () => undefined);
      } finally {
        model.dispose();
      }
    },
  };
}

/** `project`: the project file mutated, then imported as the studio imports it (parse, merge, list, compare). */
export function projectKind(bases: FuzzBases): FuzzKind<JsonCase> {
  return {
    name: 'project',
    cases: jsonCases([{ name: 'project', text: bases.project }]),
    describe: describeJson,
    async run(c) {
      const { runs } = mergeRuns([], parseProjectFile(c.text).runs);
      for (const run of runs) keyMetric(run);
      for (let i = 1; i < runs.length; i++) compareRuns(runs[i - 1], runs[i]);
    },
  };
}

/** `csv`: CSV bytes corrupted, then read as the CLI reads a file and profiled. */
export function csvKind(bases: FuzzBases, maxField = 1 << 20): FuzzKind<CsvCase> {
  return {
    name: 'csv',
    cases: fc.record({ m: mutatedCsv(bases.csv, maxField), read: fc.option(readArb, { freq: 2, nil: {} }) }).map(({ m, read }) => ({ ...m, read })),
    describe: (c) => `${c.bytes.length} bytes${Object.keys(c.read).length ? `, read with ${JSON.stringify(c.read)}` : ''}: ${c.mutations.join('; ')}`,
    async run(c) {
      const { table } = await readCsvBytes(c.bytes, { ...c.read, memoryBudget: CSV_BUDGET });
      profileTable(table);
      recipeFacts(table);
    },
  };
}

/**
 * Every kind: a model kind per family with a base file, the project file, CSV bytes. Typed as
 * `FuzzKind<unknown>` so they can sit in one list: each kind's cases only ever go to its own `run`.
 */
export function fuzzKinds(bases: FuzzBases, maxField?: number): FuzzKind<unknown>[] {
  const erase = <C>(k: FuzzKind<C>) => k as unknown as FuzzKind<unknown>;
  return [...Object.keys(bases.models).map((f) => erase(modelKind(f, bases))), erase(projectKind(bases)), erase(csvKind(bases, maxField))];
}
