import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const samples = join(root, 'public', 'samples');
const dir = mkdtempSync(join(tmpdir(), 'sapling-cli-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  return saplingWith({}, ...args);
}

function saplingWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('sapling CLI', () => {
  it('profile prints a summary and writes the documented JSON', () => {
    const out = join(dir, 'profile.json');
    const r = sapling('profile', join(samples, 'penguins.csv'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('penguins.csv: 344 rows, 8 columns (delimiter ",", utf-8)');
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(json)).toEqual(['rows', 'delimiter', 'encoding', 'columns', 'warnings']);
    const bill = json.columns.find((c: { name: string }) => c.name === 'bill_length_mm');
    expect(bill).toMatchObject({ name: 'bill_length_mm', type: 'numeric', missing: 2, unique: 164, min: 32.1, max: 59.6 });
    expect(json.columns.find((c: { name: string }) => c.name === 'sex').top).toEqual([
      { value: 'male', count: 168 },
      { value: 'female', count: 165 },
    ]);
  });

  it('train prints epochs and test metrics, and writes the model and report; predict uses them', () => {
    const model = join(dir, 'iris.json');
    const report = join(dir, 'report.json');
    const r = sapling('train', join(samples, 'iris.csv'), '--target', 'species', '--model', 'mlp', '--param', 'epochs=30', '--param', 'learningRate=0.01', '--seed', '3', '--out', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^epoch 1\/30 {2}loss /m);
    expect(r.stdout).toMatch(/Accuracy\s+\S+\s+\S+/);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep).toMatchObject({ task: 'multiclass', target: 'species', model: 'mlp', rows: 150, features: 4, seed: 3 });
    expect(Object.keys(rep.metrics.test)).toEqual(['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss']);
    expect(rep.metrics.test.accuracy).toBeGreaterThan(0.85);
    expect(Object.keys(rep.timings_ms)).toEqual(['prepare', 'train', 'evaluate', 'total']);

    const data = file('new.csv', 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n');
    const out = join(dir, 'pred.csv');
    const p = sapling('predict', model, data, '--out', out);
    expect(p.code, p.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),prediction,proba_setosa,proba_versicolor,proba_virginica');
    expect(lines[1].split(',')[4]).toBe('setosa');
    expect(lines[2].split(',')[4]).toBe('virginica');
    const probs = lines[1].split(',').slice(5).map(Number);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('regression by default uses linear regression and reports MAE, RMSE, R²', () => {
    const report = join(dir, 'reg.json');
    const r = sapling('train', join(samples, 'penguins.csv'), '--target', 'body_mass_g', '--report', report);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.model).toBe('linear');
    expect(Object.keys(rep.metrics.test)).toEqual(['mae', 'rmse', 'r2']);
    expect(rep.metrics.test.r2).toBeGreaterThan(0.8);
  });

  it('train without a target fits a clustering model and reports it; predict assigns clusters', () => {
    const model = join(dir, 'km.json');
    const report = join(dir, 'km-report.json');
    const r = sapling('train', join(samples, 'iris.csv'), '--model', 'kmeans', '--param', 'k=3', '--param', 'elbowMaxK=4', '--out', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/clusters: 3 {2}inertia: [\d.]+ {2}silhouette: 0\.\d+/);
    const rep = JSON.parse(readFileSync(report, 'utf8'));
    expect(rep.task).toBe('clustering');
    expect(rep.summary.cluster_sizes.reduce((a: number, b: number) => a + b, 0)).toBe(150);
    expect(rep.summary.elbow.map((e: { k: number }) => e.k)).toEqual([1, 2, 3, 4]);
    const out = join(dir, 'clusters.csv');
    expect(sapling('predict', model, join(samples, 'iris.csv'), '--out', out).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0].split(',').at(-1)).toBe('cluster');
    const sizes = [0, 0, 0];
    for (const line of lines.slice(1)) sizes[Number(line.split(',').at(-1))]++;
    expect(sizes).toEqual(rep.summary.cluster_sizes);
  });

  it('grows a forest on every core, with the same trees as on one thread', () => {
    const parallel = join(dir, 'forest-2.json');
    const single = join(dir, 'forest-1.json');
    const args = ['train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'forest', '--param', 'trees=12'];
    const r = saplingWith({}, ...args, '--out', parallel);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/grew 12 trees; out-of-bag accuracy 0\.9\d+/);
    expect(saplingWith({ SAPLING_THREADS: '1' }, ...args, '--out', single).code).toBe(0);
    const state = (path: string) => JSON.stringify(JSON.parse(readFileSync(path, 'utf8')).model);
    expect(state(parallel)).toBe(state(single));
  });

  it('boosts with a histogram helper thread, with the same trees as on one thread', () => {
    const rows = ['a,b,c,y'];
    for (let i = 0; i < 12000; i++) rows.push(`${(i * 7919) % 1000},${(i * 104729) % 997},${i % 13},${((i * 7919) % 1000) + ((i * 104729) % 997) > 1000 ? 'yes' : 'no'}`);
    const data = file('boost.csv', rows.join('\n') + '\n');
    const args = ['train', data, '--target', 'y', '--model', 'gbdt', '--param', 'rounds=15'];
    const two = join(dir, 'gbdt-2.json');
    const one = join(dir, 'gbdt-1.json');
    expect(saplingWith({}, ...args, '--out', two).code).toBe(0);
    expect(saplingWith({ SAPLING_THREADS: '1' }, ...args, '--out', one).code).toBe(0);
    const state = (path: string) => JSON.stringify(JSON.parse(readFileSync(path, 'utf8')).model);
    expect(state(two)).toBe(state(one));
  });

  // On one core both runs would be sequential and the comparison would say nothing.
  it.skipIf(availableParallelism() < 2)('tunes with trials on every core, with the same trials and model as on one thread', () => {
    const args = ['tune', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--strategy', 'halving', '--trials', '9', '--cv', '2'];
    const two = join(dir, 'tuned-2.json');
    const one = join(dir, 'tuned-1.json');
    const r = saplingWith({}, ...args, '--out', two);
    expect(r.code, r.stderr).toBe(0);
    expect(saplingWith({ SAPLING_THREADS: '1' }, ...args, '--out', one).code).toBe(0);
    const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
    const trials = (path: string) => read(path).report.tuning.trials.map(({ ms: _ms, ...t }: { ms: number }) => t);
    expect(trials(two)).toHaveLength(12);
    expect(trials(two)).toEqual(trials(one));
    expect(JSON.stringify(read(two).model)).toBe(JSON.stringify(read(one).model));
  });

  it('cross-validates with --cv K, by group with --group, and reports mean, std and folds', () => {
    const report = join(dir, 'cv-report.json');
    const r = sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--cv', '4', '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('cross-validation: fold 4 of 4');
    expect(r.stdout).toMatch(/4-fold cross-validation on the training rows \(stratified k-fold; fold sizes 69, 69, 69, 68\):/);
    expect(r.stdout).toMatch(/Accuracy +0\.9\d+ ± 0\.0\d+/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.validation).toEqual({ method: 'stratified k-fold', folds: 4, fold_rows: [69, 69, 69, 68] });
    const { mean, std, folds } = json.metrics.cv.accuracy;
    expect(folds).toHaveLength(4);
    expect(mean).toBeCloseTo(folds.reduce((a: number, b: number) => a + b, 0) / 4, 12);
    expect(std).toBeGreaterThan(0);
    expect(json.timings_ms.cross_validate).toBeGreaterThan(0);
    const grouped = sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--cv', '3', '--group', 'island');
    expect(grouped.code, grouped.stderr).toBe(0);
    expect(grouped.stdout).toMatch(/3-fold cross-validation on the training rows \(grouped k-fold by island; fold sizes/);
  });

  it('validates by repeated holdout with --holdout R at --test-size, grouped with --group', () => {
    const report = join(dir, 'holdout-report.json');
    const r = sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--holdout', '3', '--test-size', '0.25', '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('repeated holdout: split 3 of 3');
    // 258 training rows (344 at test size 0.25), a quarter of them held out each time.
    expect(r.stdout).toMatch(/3 random splits at test size 0\.25 on the training rows \(stratified repeated holdout; held-out sizes 6\d, 6\d, 6\d\):/);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.validation).toMatchObject({ method: 'stratified repeated holdout', folds: 3, test_size: 0.25 });
    expect(json.metrics.cv.accuracy.folds).toHaveLength(3);
    const grouped = sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--holdout', '2', '--group', 'island');
    expect(grouped.code, grouped.stderr).toBe(0);
    expect(grouped.stdout).toMatch(/\(grouped repeated holdout by island; held-out sizes/);
    const both = sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--cv', '3', '--holdout', '3');
    expect(both.stderr.trim()).toBe('error: choose one of --cv K (k-fold) and --holdout R (repeated holdout)');
  });

  it('tunes a model by cross-validation on the training rows, refits the best and tests it once', () => {
    const report = join(dir, 'tune-report.json');
    const out = join(dir, 'tuned.json');
    const r = sapling('tune', join(samples, 'iris.csv'), '--target', 'species', '--model', 'knn', '--strategy', 'grid', '--trials', '5', '--cv', '3', '--out', out, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tuning k nearest neighbours (knn) on iris.csv: 120 training rows (30 set aside for the test), grid search, 3-fold cross-validation');
    expect(r.stdout).toMatch(/^trial 1 {2}\(defaults\) {2}0\.9\d* ± /m);
    expect(r.stdout).toMatch(/^trial 5 {2}k=\d+ weights=\w+ metric=\w+ /m);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    expect(json.tuning.trials).toHaveLength(5);
    expect(json.tuning.metric).toBe('accuracy');
    const best = json.tuning.best;
    expect(best.score).toBe(Math.max(...json.tuning.trials.map((t: { score: number }) => t.score)));
    // The model written is the best candidate, refitted: its parameters are the tuned ones.
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.config.model.params).toMatchObject(best.params);
    expect(json.split).toEqual({ train: 120, test: 30 });
  });

  it('chooses a model with --model auto: a leaderboard on the same folds, a reason, and the winner trained', () => {
    const report = join(dir, 'auto-report.json');
    const out = join(dir, 'auto-model.json');
    const r = sapling('train', join(samples, 'iris.csv'), '--target', 'species', '--model', 'auto', '--budget', '4', '--cv', '3', '--out', out, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('auto: comparing models on iris.csv: 120 training rows, 3-fold cross-validation, budget 4 s');
    expect(r.stdout).toMatch(/^rank +model +Accuracy \(mean ± std\) +seconds$/m);
    expect(r.stdout).toMatch(/^.+, (with its default settings|tuned \(.+\)): .*cross-validated accuracy \d\.\d{4} ± \d\.\d{4} over 3 folds/m);
    const json = JSON.parse(readFileSync(report, 'utf8'));
    const { leaderboard, winner } = json.auto;
    expect(leaderboard.length).toBeGreaterThanOrEqual(3);
    expect(winner.score).toBeGreaterThanOrEqual(leaderboard[0].score - leaderboard[0].metrics.accuracy.std);
    // Each tuned leader's best, scored again on fresh folds, is in the report and printed.
    const tuned = [...new Set(json.auto.trials.map((t: { model: string }) => t.model))];
    expect(json.auto.rescored.map((b: { model: string }) => b.model).sort()).toEqual(tuned.sort());
    if (tuned.length) expect(r.stdout).toMatch(/^tuned bests scored again on fresh folds: \w.* [\d.]+ in the search, [\d.]+ afresh/m);
    const model = JSON.parse(readFileSync(out, 'utf8'));
    expect(model.config.model).toEqual({ id: winner.model, params: expect.objectContaining(winner.params) });
    expect(json.model).toBe(winner.model);
  });

  it('measures permutation importance of a model file on rows with the target', () => {
    const model = join(dir, 'pi-model.json');
    expect(sapling('train', join(samples, 'penguins.csv'), '--target', 'species', '--model', 'tree', '--out', model).code).toBe(0);
    const out = join(dir, 'pi.json');
    const r = sapling('importance', model, join(samples, 'penguins.csv'), '--repeats', '3', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^permutation importance of tree on penguins\.csv: 344 rows, 3 shuffles per column, accuracy 0\.9\d* unshuffled$/m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.columns.map((c: { column: string }) => c.column).sort()).toEqual(['bill_depth_mm', 'bill_length_mm', 'body_mass_g', 'flipper_length_mm', 'island', 'sex', 'year']);
    expect(json.columns[0].mean).toBeGreaterThan(0.05);
    expect(json.columns[0].drops).toHaveLength(3);
  });

  it('draws learning and validation curves on the training rows, with what they say', () => {
    const out = join(dir, 'curves.json');
    const r = sapling('curves', join(samples, 'iris.csv'), '--target', 'species', '--model', 'knn', '--vary', 'k=1,5,25', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('curves of k nearest neighbours (knn) on iris.csv: 120 training rows, 3-fold cross-validation');
    expect(r.stdout).toMatch(/^training rows +training accuracy +validation accuracy$/m);
    expect(r.stdout).toMatch(/more data would likely help\.|unlikely to help much\./);
    expect(r.stdout).toMatch(/comes at k = (1|5|25)\./);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.learning.points).toHaveLength(5);
    expect(json.validation.points.map((p: { x: number }) => p.x)).toEqual([1, 5, 25]);
    // k = 1 remembers every training row.
    expect(json.validation.points[0].train.mean).toBe(1);
  });

  it('varies a setting over its default range: a tree’s depth from 1, no limit last and marked; a criterion only where it acts', () => {
    const out = join(dir, 'depth.json');
    const r = sapling('curves', join(samples, 'iris.csv'), '--target', 'species', '--model', 'tree', '--vary', 'maxDepth', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^no limit +1 ± 0 /m);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.validation.points.map((p: { x: number; apart?: string }) => p.apart ?? p.x)).toEqual([1, 2, 3, 4, 6, 8, 13, 20, 'no limit']);
    const refused = sapling('curves', join(samples, 'iris.csv'), '--target', 'petal width (cm)', '--model', 'tree', '--vary', 'criterion');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('error: "criterion" of model "tree" does not act on regression (only on binary, multiclass)\n');
  });

  it('reads as told: delimiter, decimal comma, header, sample', () => {
    const path = file('eu.csv', '1;2,5\n3;4,25\n5;6,0\n');
    const out = join(dir, 'eu.json');
    const r = sapling('profile', path, '--delimiter', ';', '--decimal', ',', '--header', 'no', '--sample', '2', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.rows).toBe(2);
    expect(json.delimiter).toBe(';');
    expect(json.columns.map((c: { name: string; type: string; max: number }) => [c.name, c.type, c.max])).toEqual([
      ['column_1', 'numeric', 3],
      ['column_2', 'numeric', 4.25],
    ]);
  });

  const bad: [string, () => string[], RegExp][] = [
    ['a bad reading flag', () => ['profile', join(samples, 'iris.csv'), '--delimiter', 'x'], /^error: --delimiter must be one of , ; tab pipe, got "x"$/],
    ['an empty file', () => ['train', file('empty.csv', ''), '--target', 'x'], /^error: empty\.csv: the file is empty \(0 bytes\)$/],
    ['a header-only file', () => ['profile', file('header.csv', 'a,b,c\n')], /^error: header\.csv: the file has a header row \(3 columns\) but no data rows$/],
    ['binary junk', () => ['profile', file('junk.csv', Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2]))], /^error: junk\.csv: the file is not text: it has a NUL byte at byte 5/],
    ['a single-class target', () => ['train', file('one.csv', 'x,y\n1,a\n2,a\n3,a\n'), '--target', 'y'], /^error: target "y" has a single class \("a"\) in all 3 rows; classification needs at least two$/],
    ['a target that is not a column', () => ['train', join(samples, 'iris.csv'), '--target', 'colour'], /^error: column "colour" is not in the data \(columns: sepal length \(cm\), .*species\)$/],
    ['a missing file', () => ['profile', join(dir, 'nope.csv')], /^error: cannot read .*nope\.csv: no such file$/],
    ['an unknown model', () => ['train', join(samples, 'iris.csv'), '--target', 'species', '--model', 'catboost'], /^error: unknown model "catboost" \(known: logistic, linear, mlp, tree, forest, gbdt, .*kmeans, dbscan, pca, ensemble\)$/],
    ['no target for a model that needs one', () => ['train', join(samples, 'iris.csv'), '--model', 'gbdt'], /^error: train needs --target <column>, or a model that needs none: --model kmeans\|dbscan\|pca$/],
    ['a bad parameter', () => ['train', join(samples, 'iris.csv'), '--target', 'species', '--param', 'C=-1'], /^error: model "logistic": C must be at least 0.0001, got -1$/],
    ['too few folds', () => ['train', join(samples, 'iris.csv'), '--target', 'species', '--cv', '1'], /^error: --cv needs a whole number of folds, 2 or more, got "1"$/],
    ['a group without folds', () => ['train', join(samples, 'iris.csv'), '--target', 'species', '--group', 'species'], /^error: --group goes with --cv K/],
    ['a group column that is not there', () => ['train', join(samples, 'penguins.csv'), '--target', 'species', '--cv', '3', '--group', 'flock'], /^error: the group column "flock" is not in the data$/],
    ['Auto without a target', () => ['train', join(samples, 'iris.csv'), '--model', 'auto'], /^error: Auto chooses among models that predict a column: add --target <column>$/],
    ['an unknown tuning strategy', () => ['tune', join(samples, 'iris.csv'), '--target', 'species', '--strategy', 'bayes'], /^error: --strategy must be random, grid, halving, got "bayes"$/],
    ['a model file that is not one', () => ['predict', file('m.json', '{"modelTopology":{}}'), join(samples, 'iris.csv')], /^error: m\.json: not a Sapling model file/],
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
});
