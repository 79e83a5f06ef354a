import type { CategoricalSketch, ColumnReference, MonitorReference, NumericSketch, Sketch } from '../monitor/types';
import type { InputColumn } from '../prep/pipeline';
import { type ModelTask, isClassification } from '../problem';
import { COLUMN_KINDS } from '../table/column';
import { checkArray, checkEntries, checkInteger, checkNumber, checkNumbers, checkObject, checkString, fail } from '../util/check';
import { keyed } from '../util/keyed';

/** What the file around a monitoring reference says it must describe. */
interface MonitoringExpectation {
  readonly inputSchema: readonly InputColumn[];
  readonly task: ModelTask;
  readonly classes: readonly string[];
}

const COUNT_MAX = Number.MAX_SAFE_INTEGER;

/**
 * Checks a model file's `monitoring` part (model-file version 4) and returns it rebuilt with
 * prototype-free records (category maps, probabilities, metrics, performance, calibration), so
 * that a category named `constructor` or `__proto__` is an ordinary key. One column per input of
 * the schema, in its order and kinds; sketches whose counts are non-negative, edges ascending,
 * lengths agreeing and totals adding up; maps ascending. Errors name the part
 * (`monitoring.columns[2].sketch.edges: …`), as every model-file check does.
 */
export function checkMonitoring(x: unknown, expected: MonitoringExpectation): MonitorReference {
  const path = 'monitoring';
  const m = checkObject(x, path);
  checkInteger(m.version, `${path}.version`, 1, 1);
  const rows = checkInteger(m.rows, `${path}.rows`, 0, COUNT_MAX);
  const testRows = checkInteger(m.testRows, `${path}.testRows`, 0, COUNT_MAX);
  const schema = expected.inputSchema;
  const columns = checkArray(m.columns, `${path}.columns`, schema.length).map((item, i): ColumnReference => {
    const at = `${path}.columns[${i}]`;
    const c = checkObject(item, at);
    checkString(c.column, `${at}.column`, [schema[i].name]);
    const kind = checkString(c.kind, `${at}.kind`, COLUMN_KINDS) as ColumnReference['kind'];
    if (kind !== schema[i].kind) fail(`${at}.kind`, `is "${kind}" where the input schema reads "${schema[i].name}" as ${schema[i].kind}`);
    const sketchKind = kind === 'categorical' || kind === 'boolean' ? 'categorical' : 'numeric';
    return { column: schema[i].name, kind, sketch: checkSketch(c.sketch, `${at}.sketch`, sketchKind, rows) };
  });
  const { task, classes } = expected;
  const predictionKind = isClassification(task) || task === 'clustering' ? 'categorical' : 'numeric';
  const prediction = checkSketch(m.prediction, `${path}.prediction`, predictionKind, testRows);
  const out: Record<string, unknown> = { version: 1, rows, columns, prediction, metrics: keyed(checkEntries(m.metrics, `${path}.metrics`, (v, at) => checkNumber(v, at))), testRows };
  if (m.probabilities !== undefined) {
    if (!isClassification(task)) fail(`${path}.probabilities`, `a ${task} model has no probabilities`);
    const names = classes.map((c) => `proba_${c}`);
    out.probabilities = keyed(
      checkEntries(m.probabilities, `${path}.probabilities`, (v, at) => checkSketch(v, at, 'numeric', testRows)).map(([key, sketch]) => {
        if (!names.includes(key)) fail(`${path}.probabilities`, `has ${JSON.stringify(key)}, which is not one of ${names.join(', ')}`);
        return [key, sketch] as const;
      }),
    );
  }
  if (m.performance !== undefined) {
    out.performance = keyed(
      checkEntries(m.performance, `${path}.performance`, (v, at) => {
        const p = checkObject(v, at);
        return { chunkRows: checkInteger(p.chunkRows, `${at}.chunkRows`, 1, Math.max(1, testRows)), values: checkNumbers(p.values, `${at}.values`) };
      }),
    );
  }
  if (m.calibration !== undefined) {
    if (!isClassification(task)) fail(`${path}.calibration`, `a ${task} model has no calibration`);
    out.calibration = keyed(
      checkEntries(m.calibration, `${path}.calibration`, (v, at) => checkMap(v, at)).map(([key, map]) => {
        if (!classes.includes(key)) fail(`${path}.calibration`, `has ${JSON.stringify(key)}, which is not a class of the model`);
        return [key, map] as const;
      }),
    );
  }
  return out as unknown as MonitorReference;
}

/** A sketch of the expected kind whose summarised and missing values make `total` rows. */
function checkSketch(x: unknown, path: string, kind: 'numeric' | 'categorical', total: number): Sketch {
  const s = checkObject(x, path);
  checkString(s.kind, `${path}.kind`, [kind]);
  const count = checkNumber(s.count, `${path}.count`, 0);
  const missing = checkNumber(s.missing, `${path}.missing`, 0);
  if (count + missing !== total) fail(path, `counts ${count} values and ${missing} missing where there are ${total} rows`);
  return kind === 'numeric' ? checkNumeric(s, path, count, missing) : checkCategorical(s, path, count, missing);
}

function checkNumeric(s: Record<string, unknown>, path: string, count: number, missing: number): NumericSketch {
  const [min, max, mean] = (['min', 'max', 'mean'] as const).map((key) => checkNumber(s[key], `${path}.${key}`));
  const std = checkNumber(s.std, `${path}.std`, 0);
  const edges = checkNumbers(s.edges, `${path}.edges`);
  for (let i = 1; i < edges.length; i++) if (edges[i] < edges[i - 1]) fail(`${path}.edges`, `are not ascending at [${i}]`);
  const counts = checkNumbers(s.counts, `${path}.counts`, undefined, 0);
  if (count > 0 ? edges.length !== counts.length + 1 : edges.length > 0 && edges.length !== counts.length + 1) {
    fail(`${path}.counts`, `has ${counts.length} bins where ${edges.length} edges make ${Math.max(0, edges.length - 1)}`);
  }
  const sketch: Record<string, unknown> = { kind: 'numeric', count, missing, min, max, mean, std, edges, counts };
  for (const key of ['below', 'above'] as const) if (s[key] !== undefined) sketch[key] = checkNumber(s[key], `${path}.${key}`, 0);
  const binned = counts.reduce((a, b) => a + b, 0) + ((sketch.below as number | undefined) ?? 0) + ((sketch.above as number | undefined) ?? 0);
  if (!nearlyEqual(binned, count)) fail(`${path}.counts`, `add up to ${binned} where the sketch counts ${count} values`);
  return sketch as unknown as NumericSketch;
}

function checkCategorical(s: Record<string, unknown>, path: string, count: number, missing: number): CategoricalSketch {
  const categories = keyed(checkEntries(s.categories, `${path}.categories`, (v, at) => checkNumber(v, at, 0)));
  const other = checkNumber(s.other, `${path}.other`, 0);
  let total = other;
  for (const key of Object.keys(categories)) total += categories[key];
  if (!nearlyEqual(total, count)) fail(`${path}.categories`, `add up to ${total} (with other) where the sketch counts ${count} values`);
  return { kind: 'categorical', count, missing, categories, other };
}

/** A calibration map: ascending x, non-decreasing y, as many of each. */
function checkMap(x: unknown, path: string): { x: number[]; y: number[] } {
  const map = checkObject(x, path);
  const xs = checkNumbers(map.x, `${path}.x`);
  const ys = checkNumbers(map.y, `${path}.y`, xs.length);
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] <= xs[i - 1]) fail(`${path}.x`, `is not ascending at [${i}]`);
    if (ys[i] < ys[i - 1]) fail(`${path}.y`, `decreases at [${i}]; a calibration map is increasing`);
  }
  return { x: xs, y: ys };
}

/** Counts are whole numbers in practice; a sum of them is exact up to 2^53. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}
