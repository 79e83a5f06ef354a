import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { MODEL_REGISTRY } from '../src/core/models/registry';
import { fmt, fmtMetric } from '../src/ui/format';
import { sapling } from './fixtures/cli';
import { samplePath } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

/**
 * The same recipe, data and seed give the same figures in the studio and in the CLI: every family
 * in the registry is trained through the studio's screens with its default settings and a fixed
 * seed, its model file is exported, and `sapling train --recipe` trains it again in Node.
 */

/** Not the default seed (42), so the spec shows that the seed travels in the file. */
const SEED = '7';
const DATA = samplePath('penguins.csv');

type Problem = { target: string } | { noTarget: 'clustering' | 'projection' };

/**
 * What each family learns on the penguins: the species (or, for a family of two classes only, the
 * sex), the body mass for regression (also for families that do both: their regression path
 * differs), groups, or fewer dimensions.
 */
function problemsOf(tasks: readonly string[]): Problem[] {
  const out: Problem[] = [];
  if (tasks.includes('multiclass')) out.push({ target: 'species' });
  else if (tasks.includes('binary')) out.push({ target: 'sex' });
  if (tasks.includes('regression')) out.push({ target: 'body_mass_g' });
  if (tasks.includes('clustering')) out.push({ noTarget: 'clustering' });
  if (tasks.includes('projection')) out.push({ noTarget: 'projection' });
  return out;
}

for (const family of MODEL_REGISTRY) for (const problem of problemsOf(family.tasks)) {
  const what = 'target' in problem ? `predicting ${problem.target}` : problem.noTarget;
  test(`${family.id} (${what}): the studio's model file and the CLI's re-run of its recipe have the same figures`, async ({ page }, testInfo) => {
    const studio = new Studio(page);
    await studio.open();
    // Networks run on TF.js: WASM is a backend Node has too (on WebGL or WebGPU the float32
    // arithmetic is the GPU's, and the CLI cannot repeat it).
    if (family.tfjs) {
      await studio.chooseBackend('wasm');
    }
    await studio.data.upload(DATA);
    await studio.data.profile();
    await studio.step('Problem');
    if ('target' in problem) await studio.problem.chooseTarget(problem.target);
    else await studio.problem.chooseNoTarget(problem.noTarget);
    await studio.step('Prepare');
    await page.getByLabel('Random seed').fill(SEED);
    await studio.step('Train');
    await studio.train.chooseModel(family.id);
    await studio.train.trainAndWait();

    await studio.step('Export');
    const modelPath = testInfo.outputPath(`${family.id}.json`);
    writeFileSync(modelPath, await downloadText(await studio.export.download('Export model')));
    const file = JSON.parse(readFileSync(modelPath, 'utf8'));
    expect(file.config.model.id).toBe(family.id);
    expect(file.config.seed).toBe(Number(SEED));
    if (family.tfjs) expect(file.report.backend).toBe('wasm');

    const reportPath = testInfo.outputPath(`${family.id}-cli-report.json`);
    const out = sapling('train', DATA, '--recipe', modelPath, '--report', reportPath);
    const cli = JSON.parse(readFileSync(reportPath, 'utf8'));
    expect(out).not.toContain('is not the data this model was trained on');

    await studio.step('Evaluate');
    if ('target' in problem) {
      // Every test metric, exactly.
      expect(cli.metrics.test).toEqual(file.report.metrics.test);
      expect(out).toContain("same metrics as the recipe's run");
      // What Evaluate shows is the file's figure.
      const shown = await studio.evaluate.testMetrics();
      const main = problem.target === 'body_mass_g' ? 'R²' : 'Accuracy';
      expect(shown[main]).toBe(Number(fmtMetric(file.report.metrics.test[main === 'R²' ? 'r2' : 'accuracy'])));
    } else {
      // Every figure of the summary (sizes, silhouette, elbow; explained variance, loadings), exactly.
      expect(cli.summary).toEqual(file.report.summary);
      expect(out).toContain("same figures as the recipe's run");
      const summary = file.report.summary;
      if (summary.kind === 'pca') {
        await expect(page.locator('.scree-summary')).toContainText(`pc1 explains ${(summary.explained_variance_ratio[0] * 100).toFixed(1)}% of the variance`);
      } else {
        await expect(page.locator('.stat-value')).toHaveText(summary.silhouette === null ? '—' : fmt(Number(summary.silhouette.toFixed(3))));
      }
    }
  });
}
