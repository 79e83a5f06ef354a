import { basename } from 'node:path';
import { parseModelFile } from '../../core/artifact/load';
import { loadModel } from '../../core/artifact/predict';
import { type Explanation, explainRows } from '../../core/explain/contributions';
import { type Dependence, partialDependence } from '../../core/explain/dependence';
import { type DataTable, findColumn, selectRows } from '../../core/table/DataTable';
import { formatCell } from '../../core/table/column';
import { DEFAULT_SEED } from '../../core/train/config';
import { SaplingError } from '../../core/util/errors';
import { createRng } from '../../core/util/rng';
import type { ReadSettings } from '../../core/ingest/reader';
import { num, table } from '../format';
import { readCsvFile, readModelFile, writeJson } from '../io';
import { wholeOption } from '../options';
import type { WorkerPool } from '../parallel';

/** Columns printed per explained row, largest |contribution| first. */
const TOP_COLUMNS = 10;

/** The scale of the numbers, as the header line says it. */
const SCALE_WORDS: Record<Explanation['scale'], string> = { 'log-odds': 'log-odds', 'class score': 'class scores (before the softmax)', probability: 'probabilities', value: 'predicted values' };

/** The options of `sapling explain`. */
export interface ExplainCommandOptions {
  readonly rows?: string;
  readonly row?: string;
  readonly column?: string;
  readonly samples?: string;
  readonly seed?: string;
  readonly out?: string;
  readonly read?: ReadSettings;
}

/**
 * `sapling explain <model.json> <data.csv> [--rows 1,5,9 | --row N] [--column name] [--samples N]
 * [--seed S] [--out explain.json]`: why the model predicts what it does for some rows (each input
 * column's contribution), and how its predictions depend on one column (partial dependence and
 * ICE). Rows are counted from 1, the first data row after the header; the background for sampling
 * is a seeded sample of the file's rows.
 */
export async function explainCommand(modelPath: string, dataPath: string, options: ExplainCommandOptions, pool?: WorkerPool): Promise<void> {
  const file = readModelFile(modelPath, parseModelFile);
  if (options.rows === undefined && options.row === undefined && options.column === undefined) {
    throw new SaplingError('bad-option', 'explain needs --row N, --rows 1,5,9 or --column <name>');
  }
  if (options.rows !== undefined && options.row !== undefined) throw new SaplingError('bad-option', 'give --row N or --rows 1,5,9, not both');
  const samples = wholeOption('--samples', options.samples, 128, 1);
  const seed = wholeOption('--seed', options.seed, DEFAULT_SEED, 1);
  const inputs = file.pipeline.inputs.map((c) => c.name);
  if (options.column !== undefined && !inputs.includes(options.column)) {
    throw new SaplingError('unknown-column', `the model does not use a column "${options.column}" (it uses: ${inputs.join(', ')})`);
  }
  const kinds = Object.fromEntries(file.inputSchema.map((c) => [c.name, c.kind]));
  const { table: data } = await readCsvFile(dataPath, { ...options.read, kinds: { ...options.read?.kinds, ...kinds } }, pool);
  const missing = inputs.filter((c) => !findColumn(data, c));
  if (missing.length) throw new SaplingError('missing-columns', `${basename(dataPath)} lacks column${missing.length === 1 ? '' : 's'} ${missing.map((c) => `"${c}"`).join(', ')} that the model needs`);
  const rowNumbers = options.rows !== undefined || options.row !== undefined ? parseRows(options.rows ?? options.row!, options.rows !== undefined ? '--rows' : '--row', data.rowCount, basename(dataPath)) : [];
  const model = await loadModel(file);
  try {
    const out: { model: string; data: string; seed: number; explanation?: Explanation & { rows: readonly object[] }; dependence?: Dependence } = { model: file.model.model, data: basename(dataPath), seed };
    if (rowNumbers.length) {
      const explanation = explainRows(model, selectRows(data, rowNumbers.map((r) => r - 1)), data, { samples, rng: createRng(seed) });
      const how = explanation.method === 'tree-shap' ? 'exact TreeSHAP' : `sampled Shapley values (${explanation.samples} antithetic permutation pairs over ${explanation.backgroundRows} background rows)`;
      console.log(`explanation of ${file.model.model} on ${basename(dataPath)}: ${how}, in ${SCALE_WORDS[explanation.scale]}\n`);
      explanation.rows.forEach((r, i) => console.log(formatRow(rowNumbers[i], r, explanation, data, rowNumbers[i] - 1) + '\n'));
      out.explanation = { ...explanation, rows: explanation.rows.map((r, i) => ({ row: rowNumbers[i], ...r })) };
    }
    if (options.column !== undefined) {
      const dependence = partialDependence(model, data, options.column, createRng(seed));
      console.log(formatDependence(dependence));
      out.dependence = { ...dependence, ice: dependence.ice.map((line) => ({ ...line, row: line.row + 1 })) };
    }
    if (options.out) {
      await writeJson(options.out, out);
      console.log(`\nwritten to ${options.out}`);
    }
  } finally {
    model.dispose();
  }
}

/** `1,5,9` or `7`: 1-based data rows, each within the file. */
function parseRows(text: string, flag: string, count: number, name: string): number[] {
  const rows = text.split(',').map((part) => {
    const v = Number(part.trim());
    if (part.trim() === '' || !Number.isInteger(v)) throw new SaplingError('bad-option', `${flag} takes row numbers (1 = the first data row), got "${text}"`);
    if (v < 1 || v > count) throw new SaplingError('row-out-of-range', `row ${v} is out of range: ${name} has ${count} data rows (row 1 is the first line after the header)`);
    return v;
  });
  return [...new Set(rows)];
}

/** One row: the prediction, the baseline, and the columns that moved it most. */
function formatRow(number: number, r: Explanation['rows'][number], e: Explanation, data: DataTable, index: number): string {
  // Classification: the predicted class's output; regression: the one value.
  const k = r.predictedIndex ?? 0;
  const classification = r.predictedIndex !== undefined;
  const of = classification ? `${e.scale} of '${e.outputs[k]}'` : e.scale === 'value' ? `predicted ${e.outputs[0]}` : e.scale;
  const prediction = classification ? `${r.prediction} (probability ${num(r.probabilities![k])})` : num(r.prediction as number);
  const lines = [`row ${number}: predicted ${prediction}`, `  baseline ${of}: ${num(r.baseline[k])}  →  this row: ${num(r.output[k])}`];
  const order = e.columns.map((_, j) => j).sort((a, b) => Math.abs(r.contributions[b][k]) - Math.abs(r.contributions[a][k]));
  const rows = [['  column', 'value', 'contribution']];
  for (const j of order.slice(0, TOP_COLUMNS)) {
    const c = r.contributions[j][k];
    rows.push([`  ${e.columns[j]}`, formatCell(findColumn(data, e.columns[j])!, index) || '(missing)', `${c >= 0 ? '+' : '−'}${num(Math.abs(c))}`]);
  }
  if (order.length > TOP_COLUMNS) {
    const rest = order.slice(TOP_COLUMNS).reduce((s, j) => s + r.contributions[j][k], 0);
    rows.push([`  ${order.length - TOP_COLUMNS} other columns`, '', `${rest >= 0 ? '+' : '−'}${num(Math.abs(rest))}`]);
  }
  return [...lines, table(rows)].join('\n');
}

/** The partial dependence per grid point, one column per output, and its reading. */
function formatDependence(d: Dependence): string {
  const head = `partial dependence on ${d.column} (${d.kind}): mean ${d.scale === 'probability' ? 'probability' : 'prediction'} over ${d.rows} rows, ${d.ice.length} individual lines in the JSON`;
  const rows = [[d.column, ...d.outputs.map((o) => (d.scale === 'probability' ? `P(${o})` : o))]];
  d.grid.forEach((label, g) => rows.push([label, ...d.pdp.map((s) => num(s[g]))]));
  return [head, '', table(rows), '', d.reading].join('\n');
}
