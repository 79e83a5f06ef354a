import { describe, expect, it } from 'vitest';
import type { AnyModelFile, ModelFile } from '../artifact/modelFile';
import { defaultRecipe } from '../prep/recipe';
import { resolveProblem } from '../problem';
import { profileTable } from '../profile/profile';
import { type DataTable, selectRows } from '../table/DataTable';
import { csv } from '../testing/tables';
import { runTraining } from '../train/runTraining';
import { createRng } from '../util/rng';
import { exitCodeOf } from './monitor';
import { monitorTable } from './monitorTable';
import { chiSquare, chiSquareTwoSample, ks2samp, wasserstein } from './stats';
import type { Sketch } from './types';

const NUMERIC = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'];
const CATEGORIES = ['a', 'b', 'c', 'd'];

/**
 * Synthetic rows: nine standard-normal columns, three categorical ones (a–d, equally likely) and a
 * binary target from x1 + x2 + (c1 = a); `shift` adds that many σ to the named columns, `mix`
 * moves that share of each named categorical column's rows to category "a".
 */
function syntheticCsv(n: number, seed: number, change: { shift?: Record<string, number>; mix?: Record<string, number>; from?: number } = {}): string {
  const rng = createRng(seed);
  const lines = [[...NUMERIC, 'c1', 'c2', 'c3', 'y'].join(',')];
  for (let i = 0; i < n; i++) {
    const changed = i >= (change.from ?? 0);
    const x = NUMERIC.map((name) => rng.normal() + (changed ? (change.shift?.[name] ?? 0) : 0));
    const c = ['c1', 'c2', 'c3'].map((name) => (changed && rng.next() < (change.mix?.[name] ?? 0) ? 'a' : CATEGORIES[rng.int(4)]));
    const logit = x[0] + x[1] + (c[0] === 'a' ? 1 : 0);
    const y = rng.next() < 1 / (1 + Math.exp(-logit)) ? 'yes' : 'no';
    lines.push([...x.map((v) => v.toFixed(4)), ...c, y].join(','));
  }
  return lines.join('\n');
}

async function train(table: DataTable): Promise<ModelFile> {
  const { file } = await runTraining(table, { problem: resolveProblem(table, 'y'), recipe: defaultRecipe(profileTable(table), 'y'), model: { id: 'tree', params: { maxDepth: 4 } }, seed: 1 });
  return file;
}

const reference = await csv(syntheticCsv(3000, 1));
const model = await train(reference);
// The training run wrote the model file's own reference (sketches of its training rows).
if (!model.monitoring) throw new Error('the trained file carries no reference');
const drifted = (r: Awaited<ReturnType<typeof monitorTable>>) => r.columns.filter((c) => c.drifted).map((c) => c.column);

describe('monitorTable', () => {
  it('flags nothing on fresh rows from the same distribution, against raw rows and against sketches', async () => {
    const current = await csv(syntheticCsv(3000, 2));
    const raw = await monitorTable(model, current, {}, reference);
    expect(raw.reference).toEqual({ source: 'csv', rows: 3000 });
    expect(raw.columns.map((c) => c.test)).toEqual([...NUMERIC.map(() => 'wasserstein'), 'jensen-shannon', 'jensen-shannon', 'jensen-shannon']);
    expect(drifted(raw)).toEqual([]);
    expect(raw.dataset_drift).toBe(false);
    expect(raw.prediction.drifted).toBe(false);
    expect(raw.alerts).toEqual([]);
    expect(exitCodeOf(raw)).toBe(0);
    const sketched = await monitorTable(model, current);
    expect(sketched.reference.source).toBe('model');
    expect(drifted(sketched)).toEqual([]);
    expect(sketched.dataset_drift).toBe(false);
    // The predictions' reference is the 600 test rows: SciPy's chisquare against their shares takes
    // their 60.2% "yes" as exact, and 3,000 current rows at 56.7% are then far from it (p < 0.05).
    // The two-sample p-value, which decides, counts the 600 rows' own noise: no drift.
    expect(sketched.prediction).toMatchObject({ test: 'chi2', drifted: false });
    expect(sketched.prediction.statistic).toBeGreaterThan(3.84);
  });

  it('flags exactly the three numeric columns shifted by half a standard deviation', async () => {
    const current = await csv(syntheticCsv(3000, 3, { shift: { x3: 0.5, x5: 0.5, x8: 0.5 } }));
    for (const report of [await monitorTable(model, current, {}, reference), await monitorTable(model, current)]) {
      expect(drifted(report)).toEqual(['x3', 'x5', 'x8']);
      const x3 = report.columns.find((c) => c.column === 'x3')!;
      expect(x3.effect_size).toBeGreaterThan(0.4);
      expect(x3.effect_size).toBeLessThan(0.6);
      expect(report.dataset_drift).toBe(false);
      expect(report.summary).toMatch(/^3 of 12 columns moved; `x[358]` the most/);
    }
  });

  it('flags a category mix moved by 20 points, with small references too (chi-square and KS)', async () => {
    const small = selectRows(reference, Int32Array.from({ length: 600 }, (_, i) => i));
    const current = await csv(syntheticCsv(600, 4, { mix: { c2: 0.2 } }));
    const report = await monitorTable(model, current, {}, small);
    expect(report.columns.map((c) => c.test)).toEqual([...NUMERIC.map(() => 'ks'), 'chi2', 'chi2', 'chi2']);
    // At p < 0.05 one of the eleven unchanged columns is flagged by chance in about two runs in five;
    // the moved one stands out by orders of magnitude.
    expect(drifted(report)).toContain('c2');
    const c2 = report.columns.find((c) => c.column === 'c2')!;
    expect(c2.p_value).toBeLessThan(1e-6);
    for (const other of report.columns.filter((c) => c.column !== 'c2')) expect(other.p_value!).toBeGreaterThan(1e-3);
    expect(report.dataset_drift).toBe(false);
    expect(c2.effect_size).toBeGreaterThan(0.1);
    // A single moved column is reported, not paged.
    expect(report.alerts.filter((a) => a.startsWith('data set drift'))).toEqual([]);
  });

  it('pages when most columns move: data-set drift, exit code 2', async () => {
    const shift = Object.fromEntries(NUMERIC.map((x) => [x, 1]));
    const current = await csv(syntheticCsv(1000, 5, { shift }));
    const report = await monitorTable(model, current, {}, reference);
    expect(report.drift_share).toBeGreaterThanOrEqual(0.75);
    expect(report.dataset_drift).toBe(true);
    expect(report.alerts[0]).toMatch(/^data set drift: \d+ of 12 columns moved/);
    expect(exitCodeOf(report)).toBe(2);
  });

  it('alerts on the drifted chunk only', async () => {
    const shift = Object.fromEntries(NUMERIC.map((x) => [x, 1]));
    // Rows 1500–1999 (the fourth of six chunks) moved; the rest as the reference.
    const before = await csv(syntheticCsv(3000, 6));
    const moved = await csv(syntheticCsv(3000, 7, { shift }));
    const rows = Int32Array.from({ length: 3000 }, (_, i) => i);
    const current = { rowCount: 3000, columns: before.columns.map((c, j) => ({ ...c, ...mixColumn(c, moved.columns[j], rows, 1500, 2000) })) } as DataTable;
    for (const report of [await monitorTable(model, current, { chunks: 6 }, reference), await monitorTable(model, current, { chunks: 6 })]) {
      expect(report.chunks.map((c) => c.key)).toEqual(['1', '2', '3', '4', '5', '6']);
      expect(report.chunks.map((c) => c.rows)).toEqual([500, 500, 500, 500, 500, 500]);
      expect(report.chunks.map((c) => c.alerts.length > 0)).toEqual([false, false, false, true, false, false]);
      expect(report.chunks[3].alerts[0]).toMatch(/^drift share 0\.\d\d above 0\.\d\d$/);
      expect(report.alerts.some((a) => a.startsWith('chunk 4: drift share'))).toBe(true);
    }
  });

  it('pages a chunk for its predictions only below the stricter chunk level (p < 0.01), not at 0.05', async () => {
    // A 300-row reference takes the chi-square test for the predicted classes; 18 chunks of 67
    // fresh rows from the same distribution. Some of them land between p 0.01 and 0.05 (the level
    // of a single test) above the band, and paged before the chunk level was made stricter.
    const small = selectRows(reference, Int32Array.from({ length: 300 }, (_, i) => i));
    const between: number[] = [];
    for (const seed of [24, 26, 28]) {
      const report = await monitorTable(model, await csv(syntheticCsv(400, seed)), { chunks: 6, seed }, small);
      for (const chunk of report.chunks) {
        expect(chunk.prediction.test).toBe('chi2');
        const paged = chunk.alerts.some((a) => a.startsWith('prediction'));
        if (paged) expect(chunk.prediction.p_value!).toBeLessThan(0.01);
        if (chunk.prediction.p_value! >= 0.01 && chunk.prediction.p_value! < 0.05) between.push(chunk.prediction.statistic);
      }
    }
    expect(between.length).toBeGreaterThan(0);
  });

  it('wires the raw-row statistics to the stats functions (reference CSV)', async () => {
    const current = await csv(syntheticCsv(800, 9, { shift: { x1: 0.2 } }));
    const small = selectRows(reference, Int32Array.from({ length: 700 }, (_, i) => i));
    const values = (t: DataTable, name: string) => (t.columns.find((c) => c.name === name) as { values: Float64Array }).values;
    const large = await monitorTable(model, current, {}, reference);
    const x1 = values(reference, 'x1');
    const mean = x1.reduce((a, b) => a + b, 0) / x1.length;
    const std = Math.sqrt(x1.reduce((a, b) => a + (b - mean) ** 2, 0) / x1.length);
    expect(large.columns[0].statistic).toBeCloseTo(wasserstein(x1, values(current, 'x1')) / std, 12);
    const report = await monitorTable(model, current, {}, small);
    const ks = ks2samp(values(small, 'x1'), values(current, 'x1'));
    expect(report.columns[0]).toMatchObject({ column: 'x1', test: 'ks', statistic: ks.statistic, p_value: ks.pValue });
    const labelsOf = (t: DataTable) => {
      const c = t.columns.find((x) => x.name === 'c1') as { codes: Int32Array; categories: readonly string[] };
      return Array.from(c.codes, (k) => c.categories[k]);
    };
    const ref = labelsOf(small);
    const cur = labelsOf(current);
    const refCounts = CATEGORIES.map((k) => ref.filter((x) => x === k).length);
    const curCounts = CATEGORIES.map((k) => cur.filter((x) => x === k).length);
    const chi = chiSquare(curCounts, refCounts.map((k) => (k / ref.length) * cur.length));
    expect(report.columns[9]).toMatchObject({ column: 'c1', test: 'chi2', statistic: chi.statistic, p_value: chiSquareTwoSample(refCounts, curCounts).pValue });
  });

  it('estimates accuracy by CBPE without the target, close to the realised accuracy', async () => {
    const labelled = await csv(syntheticCsv(3000, 10));
    const unlabelled = { rowCount: labelled.rowCount, columns: labelled.columns.filter((c) => c.name !== 'y') };
    const realised = (await monitorTable(model, labelled)).performance!;
    const estimated = (await monitorTable(model, unlabelled)).performance!;
    expect(realised.realised?.accuracy).toBeGreaterThan(0.6);
    expect(estimated.realised).toBeUndefined();
    // The interval holds both CBPE's sampling error over these rows and that of the calibration,
    // fitted on the 600 test rows (whose own accuracy is off the population's by about ±0.02):
    // the realised accuracy falls inside it.
    const e = estimated.estimated!;
    expect(Math.abs(e.value - realised.realised!.accuracy)).toBeLessThan(0.04);
    expect(realised.realised!.accuracy).toBeGreaterThan(e.lower);
    expect(realised.realised!.accuracy).toBeLessThan(e.upper);
    expect(e.std_error).toBeGreaterThan(0.012);
    expect(e.std_error).toBeLessThan(0.03);
    expect(estimated.alert).toBe(false);
    expect(estimated.band!.lower).toBeLessThan(estimated.estimated!.value);
  });

  it('chunks by the week of a date column (Monday first), keyed by ISO dates, and checks its options', async () => {
    const base = await csv(syntheticCsv(21, 11));
    // Days 2026-03-01 (a Sunday) to 03-21, one row each.
    const day = { kind: 'datetime' as const, name: 'day', values: Float64Array.from({ length: 21 }, (_, i) => Date.UTC(2026, 2, 1 + i)) };
    const current = { rowCount: 21, columns: [...base.columns, day] };
    const report = await monitorTable(model, current, { by: { column: 'day', period: 'week' } });
    expect(report.chunks.map((c) => [c.key, c.rows])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 7],
      ['2026-03-09', 7],
      ['2026-03-16', 6],
    ]);
    await expect(monitorTable(model, current, { by: { column: 'x1', period: 'week' } })).rejects.toMatchObject({ code: 'bad-date-column' });
    await expect(monitorTable(model, current, { chunks: 2, by: { column: 'day', period: 'week' } })).rejects.toMatchObject({ code: 'bad-option' });
    await expect(monitorTable(model, current, { driftShare: 0 })).rejects.toMatchObject({ code: 'bad-option' });
    const lacking = { rowCount: 21, columns: base.columns.filter((c) => c.name !== 'x4') };
    await expect(monitorTable(model, lacking)).rejects.toMatchObject({ code: 'missing-column', message: 'the current rows have no column "x4", which the model reads' });
  });

  it("reads the reference's predictions at the file's decision threshold", async () => {
    const current = await csv(syntheticCsv(600, 12));
    const share = (sketch: Sketch) => (sketch.kind === 'categorical' ? (sketch.categories.yes ?? 0) / sketch.count : NaN);
    const plain = await monitorTable(model, current);
    const strict = await monitorTable({ ...model, decision: { threshold: 0.9 } }, current);
    // Fewer rows are "yes" at 0.9 than at the more probable class, on both sides alike.
    expect(share(strict.prediction.current)).toBeLessThan(share(plain.prediction.current) - 0.1);
    expect(Math.abs(share(strict.prediction.reference) - share(strict.prediction.current))).toBeLessThan(0.08);
  });

  it("refuses a file without a reference when no reference rows are given ('no-reference')", async () => {
    const current = await csv(syntheticCsv(50, 8));
    const { monitoring: _, ...bare } = model;
    await expect(monitorTable(bare as AnyModelFile, current)).rejects.toMatchObject({ code: 'no-reference', message: `this model file (version ${model.version}) carries no reference; pass --reference train.csv` });
  });
});

/** Column `a` with rows [from, to) taken from column `b`. */
function mixColumn<C extends DataTable['columns'][number]>(a: C, b: C, _rows: Int32Array, from: number, to: number): Partial<C> {
  if (a.kind === 'numeric' && b.kind === 'numeric') {
    const values = Float64Array.from(a.values);
    values.set(b.values.subarray(from, to), from);
    return { values } as unknown as Partial<C>;
  }
  if (a.kind === 'categorical' && b.kind === 'categorical') {
    const codes = Int32Array.from(a.codes);
    for (let i = from; i < to; i++) codes[i] = a.categories.indexOf(b.categories[b.codes[i]]);
    return { codes } as unknown as Partial<C>;
  }
  return {};
}
