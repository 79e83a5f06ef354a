import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAnyModelFile } from '../core/artifact/load';
import { loadModel } from '../core/artifact/predict';
import { predictMatrix } from '../core/artifact/predictTable';
import { toMatrix, transformPipeline } from '../core/prep/replay';
import { createRng } from '../core/util/rng';
import { rowsToTable } from '../runtime/rows';
import { loadModel as loadRuntimeModel } from '../runtime/index';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sapling-transform-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Column names a spreadsheet would run, or that need quoting: they reach the header through lineage (`=colour, "hue"=red`). */
const HEADER = ['size', 'weight', '=colour, "hue"', 'member', 'joined', 'label'];
const COLOURS = ['red', '@green', 'blue'];

/** Seeded rows: a number with gaps, a number, a category with gaps (one starts a formula), a boolean, a date, a class. */
function rows(count: number, seed: number): string[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const size = rng.normal() * 3 + 10;
    const weight = rng.normal() * 40 + 70;
    const colour = COLOURS[rng.int(3)];
    const member = rng.next() < 0.4;
    return [i % 7 === 3 ? 'NA' : size.toFixed(2), weight.toFixed(1), i % 9 === 5 ? '' : colour, member ? 'yes' : 'no', `2024-03-${String(1 + rng.int(28)).padStart(2, '0')}`, size + (member ? 2 : 0) > 11 ? 'high' : 'low'];
  });
}

function csv(header: string[], cells: string[][]): string {
  const quote = (s: string) => (/[",]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  return [header, ...cells].map((r) => r.map(quote).join(',')).join('\n') + '\n';
}

const parse = (text: string) => Papa.parse<string[]>(text.trimEnd(), { header: false }).data;

let train = '';
let fresh = '';
let model = '';

beforeAll(() => {
  train = file('train.csv', csv(HEADER, rows(120, 5)));
  // New rows with an unseen category, a row of gaps and values far outside the training range.
  const news = [...rows(30, 77).map((r) => r.slice(0, 5)), ['NA', 'NA', 'NA', 'NA', 'NA'], ['-400', '9000.5', 'purple', 'no', '2031-12-31']];
  fresh = file('new.csv', csv(HEADER.slice(0, 5), news));
  model = join(dir, 'tree.json');
  const r = sapling('train', train, '--target', 'label', '--model', 'tree', '--out', model);
  expect(r.code, r.stderr).toBe(0);
});

describe('sapling transform', () => {
  it("writes the model's features, named by lineage and made safe for spreadsheets, to a file and to standard output alike", () => {
    const out = join(dir, 'features.csv');
    const r = sapling('transform', model, fresh, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const saved = parseAnyModelFile(readFileSync(model, 'utf8'));
    const names = saved.pipeline.features.map((f) => f.name);
    expect(r.stdout).toBe(`32 rows × ${names.length} features written to ${out}\n`);
    const text = readFileSync(out, 'utf8');
    // The header: each name formula-escaped (a leading ') and quoted (comma, quotes) as the predictions file writes them.
    const header = text.slice(0, text.indexOf('\n'));
    expect(header).toBe(names.map((n) => (/^[=@+-]/.test(n) ? `'${n}` : n)).map((n) => (/[",]/.test(n) ? `"${n.replaceAll('"', '""')}"` : n)).join(','));
    expect(names).toContain('=colour, "hue"=@green');
    expect(header).toContain(`"'=colour, ""hue""=@green"`);
    // The date column comes in as its parts (the default recipe's date-parts step), each from `joined`.
    expect(names).toEqual(expect.arrayContaining(['joined.year', 'joined.month', 'joined.weekday']));
    expect(saved.pipeline.features.filter((f) => f.name.startsWith('joined.')).every((f) => f.sources.join() === 'joined')).toBe(true);
    expect(parse(text)).toHaveLength(33);
    expect(sapling('transform', model, fresh).stdout).toBe(text);
  });

  it('writes exactly the matrix the prediction runtime builds from the same rows, and predicting from it gives the same predictions', async () => {
    const out = join(dir, 'parity.csv');
    expect(sapling('transform', model, fresh, '--out', out).code).toBe(0);
    const cells = parse(readFileSync(out, 'utf8')).slice(1);
    const file = parseAnyModelFile(readFileSync(model, 'utf8'));
    // The runtime reads row objects with string cells (as a CSV reader gives them), then replays the recipe.
    const objects = Papa.parse<Record<string, string>>(readFileSync(fresh, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const X = toMatrix(transformPipeline(file.pipeline, rowsToTable(objects, file.pipeline.inputs)), file.pipeline.features);
    const d = file.pipeline.features.length;
    expect(cells).toHaveLength(objects.length);
    expect(X).toHaveLength(objects.length * d);
    let compared = 0;
    cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        expect(cell, `row ${i + 1}, ${file.pipeline.features[j].name}`).not.toBe('');
        // The model sees float32: the written float64 rounds to exactly the matrix's value.
        expect(Math.fround(Number(cell)), `row ${i + 1}, ${file.pipeline.features[j].name}`).toBe(X[i * d + j]);
        compared++;
      }),
    );
    expect(compared).toBe(32 * d);
    // Round trip: the features read back from the CSV predict what the runtime predicts from the raw rows.
    const fromCsv = Float32Array.from(cells.flat().map(Number));
    const core = await loadModel(file);
    const runtime = await loadRuntimeModel(readFileSync(model, 'utf8'));
    try {
      const p = predictMatrix(core, fromCsv, cells.length);
      expect(p.labels).toEqual(runtime.predict(objects).map((r) => r.prediction));
    } finally {
      core.dispose();
    }
  });

  it('replays the fitted state, not a refit: a gap is filled with the training median and unseen categories are all zeros (hand-worked)', () => {
    // Trained on all of data.csv (--test: no split), no scaling, so the filled value is the median of every size.
    const steps = file('plain.json', JSON.stringify([{ step: 'impute', params: { numeric: 'median' } }, { step: 'one-hot' }]));
    const data = file('small.csv', 'size,colour,label\n1,red,a\n2,blue,b\n4,red,a\nNA,blue,b\n9,red,a\n100,blue,b\n');
    const plain = join(dir, 'plain.json.model');
    const r = sapling('train', data, '--target', 'label', '--model', 'tree', '--steps', steps, '--test', data, '--out', plain);
    expect(r.code, r.stderr).toBe(0);
    const news = file('small-new.csv', 'colour,size,extra\nblue,NA,x\ngreen,7.25,y\nred,-3,z\n');
    const t = sapling('transform', plain, news);
    expect(t.code, t.stderr).toBe(0);
    // Median of 1, 2, 4, 9, 100 is 4; green was never seen: no one-hot column is set; extra is not a feature.
    expect(t.stdout).toBe('size,colour=blue,colour=red\n4,1,0\n7.25,0,0\n-3,0,1\n');
  });

  it('names made columns by lineage and computes them from the raw rows (polynomial terms, hand-worked)', () => {
    const steps = file('poly.json', JSON.stringify([{ step: 'polynomial', params: { degree: 2, columns: ['a', 'b'] } }, { step: 'one-hot' }]));
    const data = file('poly.csv', 'a,b,c,label\n1,2,x,p\n3,-1,y,q\n0.5,4,x,p\n2,2,y,q\n');
    const poly = join(dir, 'poly.model.json');
    const r = sapling('train', data, '--target', 'label', '--model', 'tree', '--steps', steps, '--test', data, '--out', poly);
    expect(r.code, r.stderr).toBe(0);
    const t = sapling('transform', poly, file('poly-new.csv', 'b,a,c\n3,-2,y\n0.25,10,z\n'));
    expect(t.code, t.stderr).toBe(0);
    // a, b, c one-hot in c's place (an unseen c is all zeros), then the made terms a², a·b, b² in scikit-learn's order.
    expect(t.stdout).toBe('a,b,c=x,c=y,a^2,a×b,b^2\n-2,3,0,1,4,-6,9\n10,0.25,0,0,100,2.5,0.0625\n');
  });

  it('stops quietly when the reader of its output goes away early (| head), with no stack trace', () => {
    // Far more than a pipe's buffer (64 KB), so writing is still under way when head exits.
    const many = file('many.csv', csv(HEADER.slice(0, 5), rows(4000, 3).map((r) => r.slice(0, 5))));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" scripts/sapling.mjs transform "${model}" "${many}" | head -n 2`], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(3);
  });

  it('says which columns the data lacks, and refuses bad files, with exit code 1 and one line each', () => {
    const lacking = file('lacking.csv', 'size,member\n1,yes\n');
    const cases: [string[], RegExp][] = [
      [['transform', model, lacking], /^error: the data lacks columns "weight", "=colour, "hue"", "joined" that the model needs\n$/],
      [['transform', file('broken.json', '{"format": "sapling-model",'), fresh], /^error: broken\.json: .*not valid JSON.*\n$/],
      [['transform', file('other.json', '{"hello": 1}'), fresh], /^error: other\.json: .+\n$/],
      [['transform', model, join(dir, 'absent.csv')], /^error: cannot read .*absent\.csv: no such file\n$/],
      [['transform', model], /^error: expected: sapling transform <model\.json> <data\.csv> \[--out features\.csv\]\n$/],
      [['transform', model, fresh, '--out', join(dir, 'no-such-folder', 'f.csv')], /^error: cannot write .*no-such-folder\/f\.csv: no such directory\n$/],
    ];
    for (const [args, message] of cases) {
      const r = sapling(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
