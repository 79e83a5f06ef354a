import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnyModelFile } from '../core/artifact/load';
import { loadModel, predictTable } from '../core/artifact/predict';
import { selectRows, withColumn } from '../core/table/DataTable';
import { sample } from '../core/testing/tables';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The bundled samples: the same files as the shared data folder (/work/shared/data), kept in the repository.
const data = join(root, 'public', 'samples');
const penguins = join(data, 'penguins.csv');
const dir = mkdtempSync(join(tmpdir(), 'sapling-explain-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface RowJson {
  row: number;
  baseline: number[];
  output: number[];
  contributions: number[][];
  prediction: string | number;
  predictedIndex?: number;
  probabilities?: number[];
}

/** baseline + Σ contributions = output, for every output. */
function addsUp(r: RowJson, tolerance: number) {
  r.output.forEach((o, k) => expect(Math.abs(r.contributions.reduce((s, c) => s + c[k], r.baseline[k]) - o)).toBeLessThan(tolerance));
}

describe('sapling explain', () => {
  const gbdt = join(dir, 'gbdt.json');
  const knn = join(dir, 'knn.json');
  beforeAll(() => {
    expect(sapling('train', penguins, '--target', 'species', '--model', 'gbdt', '--param', 'rounds=30', '--out', gbdt).code).toBe(0);
    expect(sapling('train', penguins, '--target', 'body_mass_g', '--model', 'knn', '--out', knn).code).toBe(0);
  });

  it('explains rows of a boosting model exactly: the printed and written numbers add up', () => {
    const out = join(dir, 'explain-gbdt.json');
    const r = sapling('explain', gbdt, penguins, '--rows', '1,200', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('explanation of gbdt on penguins.csv: exact TreeSHAP, in class scores');
    expect(r.stdout).toMatch(/^row 1: predicted Adelie \(probability 0\.9\d*\)$/m);
    expect(r.stdout).toMatch(/^row 200: predicted Gentoo/m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.explanation).toMatchObject({ method: 'tree-shap', scale: 'class score', outputs: ['Adelie', 'Chinstrap', 'Gentoo'] });
    const rows: RowJson[] = json.explanation.rows;
    expect(rows.map((x) => x.row)).toEqual([1, 200]);
    for (const row of rows) addsUp(row, 1e-9);
    // The printed baseline and output are the predicted class's.
    const first = rows[0];
    const k = first.predictedIndex!;
    const printed = r.stdout.match(/baseline class score of 'Adelie': (\S+) {2}→ {2}this row: (\S+)/)!;
    expect(Number(printed[1])).toBeCloseTo(first.baseline[k], 3);
    expect(Number(printed[2])).toBeCloseTo(first.output[k], 3);
    // The largest contribution is printed first, with its sign.
    const top = first.contributions.map((c, j) => [Math.abs(c[k]), j]).sort((a, b) => b[0] - a[0])[0][1];
    expect(r.stdout.split('\n').find((l) => l.startsWith('  ') && !l.includes('baseline') && !l.trim().startsWith('column'))).toContain(json.explanation.columns[top]);
  });

  it('explains a k-NN regression row by sampling, and draws the partial dependence on a column', async () => {
    const out = join(dir, 'explain-knn.json');
    const r = sapling('explain', knn, penguins, '--row', '7', '--column', 'flipper_length_mm', '--samples', '32', '--seed', '5', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('sampled Shapley values (32 antithetic permutation pairs over 32 background rows), in predicted values');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const row: RowJson = json.explanation.rows[0];
    expect(row.row).toBe(7);
    addsUp(row, 1e-6);
    expect(row.output[0]).toBe(row.prediction);
    expect(r.stdout).toMatch(new RegExp(`^row 7: predicted ${row.prediction.toString().slice(0, 3)}`, 'm'));
    const dep = json.dependence;
    expect(dep).toMatchObject({ column: 'flipper_length_mm', kind: 'numeric', scale: 'value', outputs: ['body_mass_g'], rows: 344 });
    expect(dep.grid.length).toBeGreaterThan(10);
    expect(dep.pdp[0]).toHaveLength(dep.grid.length);
    expect(dep.ice).toHaveLength(50);
    expect(Math.min(...dep.ice.map((l: { row: number }) => l.row))).toBeGreaterThanOrEqual(1);
    // An ICE line is its row (1 = the first data row) predicted with the column set to each grid value.
    const line: { row: number; values: number[][] } = dep.ice[0];
    const model = await loadModel(parseAnyModelFile(readFileSync(knn, 'utf8')));
    const table = await sample('penguins.csv');
    const g = Math.floor(dep.grid.length / 2);
    const changed = withColumn(selectRows(table, [line.row - 1]), { kind: 'numeric', name: 'flipper_length_mm', values: Float64Array.of(dep.values[g]) });
    expect(line.values[0][g]).toBeCloseTo(predictTable(model, changed).values![0], 3);
    model.dispose();
    expect(r.stdout).toMatch(/^partial dependence on flipper_length_mm \(numeric\): mean prediction over 344 rows/m);
    expect(r.stdout).toContain(dep.reading);
    // The seed repeats the numbers.
    const again = join(dir, 'explain-knn-2.json');
    expect(sapling('explain', knn, penguins, '--row', '7', '--column', 'flipper_length_mm', '--samples', '32', '--seed', '5', '--out', again).code).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  const bad: [string, () => string[], RegExp][] = [
    ['a row out of range', () => ['explain', gbdt, penguins, '--row', '345'], /^error: row 345 is out of range: penguins\.csv has 344 data rows \(row 1 is the first line after the header\)$/],
    ['a row that is not a number', () => ['explain', gbdt, penguins, '--rows', '1,x'], /^error: --rows takes row numbers \(1 = the first data row\), got "1,x"$/],
    ['an unknown column', () => ['explain', gbdt, penguins, '--column', 'colour'], /^error: the model does not use a column "colour" \(it uses: island, bill_length_mm, .*year\)$/],
    ['nothing to explain', () => ['explain', gbdt, penguins], /^error: explain needs --row N, --rows 1,5,9 or --column <name>$/],
    ['data without the model’s columns', () => ['explain', gbdt, join(data, 'iris.csv'), '--row', '1'], /^error: iris\.csv lacks columns "island", "bill_length_mm", .* that the model needs$/],
  ];
  for (const [what, args, message] of bad) {
    it(`refuses ${what} with exit code 1 and one line on stderr`, () => {
      const r = sapling(...args());
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  }

  it('refuses a model without a target', () => {
    const km = join(dir, 'km.json');
    expect(sapling('train', join(data, 'iris.csv'), '--model', 'kmeans', '--param', 'k=3', '--out', km).code).toBe(0);
    const r = sapling('explain', km, join(data, 'iris.csv'), '--row', '1');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^error: km\.json: this is a clustering model \(kmeans\), which has no target/);
  });
});
