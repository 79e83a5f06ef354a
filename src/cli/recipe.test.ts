import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const penguins = join(root, 'public', 'samples', 'penguins.csv');
const dir = mkdtempSync(join(tmpdir(), 'sapling-recipe-'));

/** Runs the CLI as a person would (`npm run sapling -- …` runs this same launcher). */
function sapling(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('sapling train --recipe', () => {
  it('trains again from a model file: its target, model, settings, seed, validation and reading; the same metrics', () => {
    const model = join(dir, 'gbdt.json');
    const first = sapling('train', penguins, '--target', 'species', '--model', 'gbdt', '--param', 'rounds=30', '--param', 'leaves=7', '--seed', '5', '--test-size', '0.3', '--cv', '3', '--sample', '300', '--out', model);
    expect(first.code, first.stderr).toBe(0);
    const again = join(dir, 'gbdt-again.json');
    const report = join(dir, 'gbdt-again-report.json');
    const r = sapling('train', penguins, '--recipe', model, '--out', again, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('re-running the recipe of gbdt.json');
    expect(r.stdout).not.toContain('is not the data');
    expect(r.stdout).toContain("same metrics as the recipe's run (6 test metrics, all equal)");
    const before = json(model);
    const after = json(report);
    expect(after).toMatchObject({ model: 'gbdt', target: 'species', seed: 5, rows: 300, split: before.report.split, params: before.report.params });
    expect(after.params).toMatchObject({ rounds: 30, leaves: 7 });
    expect(after.metrics.test).toEqual(before.report.metrics.test);
    expect(after.metrics.cv).toEqual(before.report.metrics.cv);
    expect(json(again).config).toEqual(before.config);
  });

  it('restores the reading settings and a grouped repeated holdout', () => {
    // The same rows, ';'-separated with ',' decimals: the recipe must read them as the first run did.
    const text = readFileSync(penguins, 'utf8').trim().split('\n').map((l) => l.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2')).join('\n') + '\n';
    const data = join(dir, 'penguins-semicolon.csv');
    writeFileSync(data, text);
    const model = join(dir, 'holdout.json');
    const first = sapling('train', data, '--delimiter', ';', '--decimal', ',', '--target', 'species', '--model', 'tree', '--holdout', '3', '--group', 'island', '--out', model);
    expect(first.code, first.stderr).toBe(0);
    const report = join(dir, 'holdout-again.json');
    const r = sapling('train', data, '--recipe', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("same metrics as the recipe's run");
    const before = json(model);
    expect(before.config.read).toMatchObject({ delimiter: ';', decimal: ',' });
    expect(before.config.validation).toEqual({ folds: 3, method: 'holdout', group: 'island' });
    expect(json(report).validation).toEqual(before.report.validation);
    expect(json(report).metrics.cv).toEqual(before.report.metrics.cv);
  });

  it('re-runs a network (TF.js) with the epochs its file records, to the same figures', () => {
    const model = join(dir, 'mlp.json');
    expect(sapling('train', penguins, '--target', 'body_mass_g', '--model', 'mlp', '--param', 'epochs=15', '--out', model).code).toBe(0);
    const report = join(dir, 'mlp-report.json');
    const r = sapling('train', penguins, '--recipe', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^epoch 15\/15 /m);
    expect(json(report).metrics.test).toEqual(json(model).report.metrics.test);
    expect(r.stdout).toContain("same metrics as the recipe's run");
  });

  it('re-runs the recipe of a frozen version-1 file (upgraded as it loads) to its metrics', () => {
    const v1 = join(root, 'src', 'core', 'artifact', 'fixtures', 'model-v1-logistic-iris.json');
    const r = sapling('train', join(root, 'public', 'samples', 'iris.csv'), '--recipe', v1);
    expect(r.code, r.stderr).toBe(0);
    // The v1 file's metrics came from TF.js's predictions; networks now predict through Sapling's
    // float32 forward pass, equal to TF.js within 1e-6: the same metrics, or differences under 1e-6 with the note.
    const same = r.stdout.includes("same metrics as the recipe's run (6 test metrics, all equal)");
    if (!same) {
      const rows = [...r.stdout.matchAll(/^(\w+)\s+(-?[\d.e-]+)\s+(-?[\d.e-]+)\s+(-?[\d.e+-]+)$/gm)];
      expect(rows.length).toBeGreaterThan(0);
      for (const [, , before, after] of rows) expect(Math.abs(Number(after) - Number(before))).toBeLessThan(1e-6);
      expect(r.stdout).toContain("note: every difference is under 1e-6: a network's predictions now come from Sapling's own forward pass");
    }
  });

  it('re-runs a model without a target to the same figures', () => {
    const model = join(dir, 'kmeans.json');
    expect(sapling('train', penguins, '--model', 'kmeans', '--param', 'k=4', '--seed', '9', '--out', model).code).toBe(0);
    const report = join(dir, 'kmeans-report.json');
    const r = sapling('train', penguins, '--recipe', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('fitting k-means');
    expect(r.stdout).toMatch(/same figures as the recipe's run \(\d+ figures, all equal\)/);
    expect(json(report).summary).toEqual(json(model).report.summary);
    expect(json(report)).toMatchObject({ seed: 9, params: { k: 4 } });
  });

  it('warns (and still trains) when the data is not the data of the recipe, and lists the metrics that differ', () => {
    const model = join(dir, 'tree.json');
    expect(sapling('train', penguins, '--target', 'species', '--model', 'tree', '--out', model).code).toBe(0);
    const lines = readFileSync(penguins, 'utf8').trim().split('\n');
    const fewer = join(dir, 'fewer-penguins.csv');
    writeFileSync(fewer, lines.filter((_, i) => i % 3 !== 1).join('\n') + '\n');
    const r = sapling('train', fewer, '--recipe', model);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('warning: fewer-penguins.csv is not the data this model was trained on');
    expect(r.stdout).toMatch(/\d of 6 test metrics differ from the recipe's run:\nmetric +recipe's run +this run +difference\n/);
  });

  it('refuses flags that would contradict the recipe, and files that hold none', () => {
    const model = join(dir, 'tree.json');
    expect(sapling('train', penguins, '--target', 'species', '--model', 'tree', '--out', model).code).toBe(0);
    const clash = sapling('train', penguins, '--recipe', model, '--model', 'forest', '--seed', '3', '--param', 'maxDepth=2', '--delimiter', ',');
    expect(clash.code).toBe(1);
    expect(clash.stderr.trim()).toBe(
      'error: --recipe takes the problem, model, parameters, seed, validation and reading settings from the model file; leave out --model, --param, --seed, reading flags (--delimiter, --sample, …) (or train without --recipe)',
    );
    expect(sapling('train', penguins, '--recipe', model, '--target', 'island').stderr).toContain('leave out --target');

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "sapling-model", "version": 3,');
    const r = sapling('train', penguins, '--recipe', broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --recipe broken\.json: not a Sapling model file: it is not valid JSON/);
    const tfjs = join(dir, 'model.json');
    writeFileSync(tfjs, '{"modelTopology": {}}');
    expect(sapling('train', penguins, '--recipe', tfjs).stderr).toContain('--recipe model.json: not a Sapling model file');
    const noConfig = join(dir, 'no-config.json');
    const { config: _config, ...rest } = json(model);
    writeFileSync(noConfig, JSON.stringify(rest));
    expect(sapling('train', penguins, '--recipe', noConfig).stderr.trim()).toBe('error: --recipe no-config.json: it holds no whole recipe to re-run: "config" lacks everything');
    // A config without its steps, or for another problem than the file's, is refused before training.
    const file = json(model);
    const noSteps = join(dir, 'no-steps.json');
    writeFileSync(noSteps, JSON.stringify({ ...file, config: { ...file.config, recipe: {} } }));
    expect(sapling('train', penguins, '--recipe', noSteps).stderr.trim()).toBe('error: --recipe no-steps.json: it holds no whole recipe to re-run: "config" lacks the preprocessing steps');
    const otherProblem = join(dir, 'other-problem.json');
    writeFileSync(otherProblem, JSON.stringify({ ...file, config: { ...file.config, problem: { target: 'island', task: 'multiclass' } } }));
    expect(sapling('train', penguins, '--recipe', otherProblem).stderr.trim()).toBe('error: --recipe other-problem.json: its recipe ("config") is not for the problem the file holds (species, multiclass)');
    expect(sapling('train', penguins, '--recipe', join(dir, 'missing.json')).stderr).toContain('no such file');
  });
});
