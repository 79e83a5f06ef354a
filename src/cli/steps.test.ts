import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STEP_REGISTRY } from '../core/prep/registry';

const root = fileURLToPath(new URL('../..', import.meta.url));
const penguins = join(root, 'public', 'samples', 'penguins.csv');
const dir = mkdtempSync(join(tmpdir(), 'sapling-steps-'));

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

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A step list without scaling and with PCA: nothing the default recipe would make. */
const STEPS = [
  { step: 'drop-columns', params: { columns: ['year'] } },
  { step: 'impute', params: { numeric: 'median' } },
  { step: 'one-hot' },
  { step: 'pca', params: { components: 3 } },
];

describe('sapling train --steps', () => {
  it("trains with the file's steps in place of the default recipe's, and the model file keeps them as its config", () => {
    const model = join(dir, 'pca.json');
    const report = join(dir, 'pca-report.json');
    const r = sapling('train', penguins, '--target', 'species', '--model', 'logistic', '--steps', file('steps.json', JSON.stringify(STEPS)), '--out', model, '--report', report);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('recipe steps from steps.json (a step list): drop-columns, impute, one-hot, pca\n');
    expect(r.stdout).toContain('leaving out columns: year\n');
    const saved = json(model);
    expect(saved.config.recipe.steps).toEqual(STEPS);
    expect(saved.pipeline.steps.map((s: { step: string }) => s.step)).toEqual(['drop-columns', 'impute', 'one-hot', 'pca']);
    // Three principal components are the model's only inputs; year is not among the columns it reads.
    expect(saved.pipeline.features.map((f: { name: string }) => f.name)).toEqual(['pc1', 'pc2', 'pc3']);
    expect(json(report).features).toBe(3);
    expect(saved.inputSchema.map((c: { name: string }) => c.name)).not.toContain('year');

    // The same steps taken from that model file (its config.recipe.steps) and from a recipe object.
    const again = sapling('train', penguins, '--target', 'species', '--model', 'logistic', '--steps', model, '--report', join(dir, 'again.json'));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("recipe steps from pca.json (a model file's config.recipe.steps): drop-columns, impute, one-hot, pca\n");
    expect(json(join(dir, 'again.json')).metrics.test).toEqual(json(report).metrics.test);
    const recipe = sapling('train', penguins, '--target', 'species', '--model', 'logistic', '--steps', file('recipe.json', JSON.stringify({ steps: STEPS })), '--report', join(dir, 'recipe-report.json'));
    expect(recipe.code, recipe.stderr).toBe(0);
    expect(recipe.stdout).toContain("(a recipe's steps)");
    expect(json(join(dir, 'recipe-report.json')).metrics.test).toEqual(json(report).metrics.test);
  });

  it('takes the steps for clustering too (no target)', () => {
    const model = join(dir, 'km.json');
    const steps = file('km-steps.json', JSON.stringify([{ step: 'drop-columns', params: { columns: ['species', 'island', 'sex', 'year'] } }, { step: 'impute' }, { step: 'scale' }]));
    const r = sapling('train', penguins, '--model', 'kmeans', '--param', 'k=3', '--steps', steps, '--out', model);
    expect(r.code, r.stderr).toBe(0);
    expect(json(model).pipeline.features.map((f: { name: string }) => f.name)).toEqual(['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g']);
  });

  /** Each bad step file: one line on standard error that names the file and says what is wrong; exit code 1; nothing trained. */
  const known = STEP_REGISTRY.map((s) => s.id).join(', ');
  const bad: [string, string, string | RegExp][] = [
    ['not JSON', '[{"step": "impute",]', /^steps\.json: not JSON \(.+\)$/],
    ['a number', '42', 'steps.json: expected an array of steps like [{"step": "impute", "params": {}}] (or an object with one as "steps"), got 42'],
    ['an object without steps', '{"recipe": {}}', 'steps.json: expected an array of steps like [{"step": "impute", "params": {}}] (or an object with one as "steps"), got an object'],
    ['steps that are not an array', '{"steps": {"step": "impute"}}', 'steps.json: "steps" must be an array of steps, got an object'],
    ['a step that is not an object', '[{"step": "impute"}, "scale"]', 'steps.json: step 2 must be an object {"step": id, "params": {…}}, got "scale"'],
    ['a step without an id', '[{"params": {}}]', 'steps.json: step 1 needs "step": a step id, got nothing'],
    ['a misspelt key', '[{"step": "impute", "param": {}}]', 'steps.json: step 1 has unknown key "param" (known: step, params)'],
    ['an unknown step id', '[{"step": "impute"}, {"step": "scale"}, {"step": "bins-of-nonsense"}]', `steps.json: step 3: unknown preprocessing step "bins-of-nonsense" (known: ${known})`],
    ['params that are not an object', '[{"step": "scale", "params": [1]}]', 'steps.json: step 1 ("scale"): "params" must be an object, got an array'],
    ['a value out of range', '[{"step": "impute"}, {"step": "one-hot"}, {"step": "bins", "params": {"bins": 1, "strategy": "quantile"}}]', 'steps.json: step 3 ("bins"): bins must be at least 2, got 1'],
    ['a bad parameter value', '[{"step": "impute"}, {"step": "one-hot"}, {"step": "pca", "params": {"components": -1}}]', /^steps\.json: step 3 \("pca"\): components must be .+, got -1$/],
    ['an unknown parameter', '[{"step": "scale", "params": {"methd": "minmax"}}]', /^steps\.json: step 1 \("scale"\) has no parameter "methd" \(known: .*method.*\)$/],
    ['a parameter named like a prototype property', '[{"step": "scale", "params": {"__proto__": {}, "constructor": 1}}]', /^steps\.json: step 1 \("scale"\) has no parameter "(__proto__|constructor)"/],
  ];
  it.each(bad)('refuses %s', (_what, content, message) => {
    const r = sapling('train', penguins, '--target', 'species', '--steps', file('steps.json', content), '--out', join(dir, 'never.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const line = r.stderr.replace(/^error: /, '').replace(/\n$/, '');
    expect(r.stderr.startsWith('error: ') && r.stderr.endsWith('\n') && !line.includes('\n'), r.stderr).toBe(true);
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
  });

  it('refuses a file too large to be a step list without reading it, and a file that is not there', () => {
    const big = file('big.json', `[${'{"step": "impute"},'.repeat(60_000)}{"step": "scale"}]`);
    const r = sapling('train', penguins, '--target', 'species', '--steps', big);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: big.json: the file is 1.1 MB; a step list may be at most 1 MB\n');
    const none = sapling('train', penguins, '--target', 'species', '--steps', join(dir, 'absent.json'));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error: cannot read .*absent\.json: no such file\n$/);
  });

  it('refuses --steps with --recipe, which takes its steps from the model file', () => {
    const model = join(dir, 'pca.json');
    const r = sapling('train', penguins, '--recipe', model, '--steps', file('ok.json', '[]'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: --recipe takes .*; leave out --steps \(or train without --recipe\)\n$/);
  });
});
