import { expect, test } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { MODEL_REGISTRY } from '../src/core/models/registry';
import { SECURITY_HEADERS, contentSecurityPolicy } from '../scripts/security-headers';
import { violations, watchViolations } from './fixtures/csp';
import { penguinsWithoutSpecies, csvFile, samplePath } from './fixtures/files';
import { Studio, downloadText } from './pages/Studio';

/**
 * The built studio under its Content-Security-Policy (scripts/security-headers.ts): the whole
 * flow, from reading to every family, tuning on part workers, export and import, raises no
 * `securitypolicyviolation` in the page or in any worker (TF.js's pthreads included).
 */

type Problem = { target: string } | { noTarget: 'clustering' | 'projection' };

/** One problem per family on the penguins, as e2e/parity.spec.ts picks them. */
function problemOf(tasks: readonly string[]): Problem {
  if (tasks.includes('multiclass')) return { target: 'species' };
  if (tasks.includes('binary')) return { target: 'sex' };
  if (tasks.includes('regression')) return { target: 'body_mass_g' };
  return { noTarget: tasks.includes('clustering') ? 'clustering' : 'projection' };
}

test('preview sends the CSP, COOP and COEP of scripts/security-headers.ts, and the page carries the policy', async ({ page, request }) => {
  const response = await request.get('/');
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers()[name.toLowerCase()], name).toBe(value);
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("'wasm-unsafe-eval'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("'unsafe-eval'");
  expect(csp).not.toContain("'unsafe-inline'");
  // Also for hosts that cannot send headers: the same policy in a <meta>, minus frame-ancestors.
  await page.goto('/');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(contentSecurityPolicy(true));
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  for (const file of ['_headers', 'vercel.json', 'nginx-headers.conf']) expect((await request.get(`/${file}`)).ok(), file).toBe(true);
});

test('the whole flow runs under the policy with no violation, in the page or any worker', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  await watchViolations(page);
  const studio = new Studio(page);
  await studio.open();
  // TF.js on WASM: its threaded build starts pthreads from Blobs and compiles WebAssembly.
  await studio.chooseBackend('wasm');
  await studio.data.upload(samplePath('penguins.csv'));
  await studio.data.profile();

  const trained: string[] = [];
  for (const family of MODEL_REGISTRY) {
    const problem = problemOf(family.tasks);
    await studio.step('Problem');
    if ('target' in problem) {
      await page.getByRole('radio', { name: 'Predict a column' }).check();
      await studio.problem.chooseTarget(problem.target);
    } else await studio.problem.chooseNoTarget(problem.noTarget);
    await studio.step('Train');
    await studio.train.chooseModel(family.id);
    await studio.train.trainAndWait();
    trained.push(family.id);
    expect(await violations(page), `after training ${family.id}`).toEqual([]);
  }
  expect(trained).toHaveLength(MODEL_REGISTRY.length);

  // Tuning spreads its trials over part workers (the page is cross-origin isolated).
  await studio.step('Problem');
  await page.getByRole('radio', { name: 'Predict a column' }).check();
  await studio.problem.chooseTarget('species');
  await studio.step('Train');
  await studio.train.chooseModel('knn');
  await page.getByText('Search settings', { exact: true }).click();
  await page.getByLabel('Trials', { exact: true }).fill('4');
  await page.getByLabel('Cross-validation folds').fill('3');
  await page.getByRole('button', { name: 'Tune k nearest neighbours' }).click();
  await expect(page.getByText(/^Done in [\d.]+ s: tried 4 candidates, best /)).toBeVisible({ timeout: 120_000 });
  expect(page.workers().some((w) => /part\.worker/.test(w.url()))).toBe(true);

  // Export the tuned model, import it again, predict new rows with it.
  await studio.step('Export');
  const modelPath = testInfo.outputPath('knn.json');
  writeFileSync(modelPath, await downloadText(await studio.export.download('Export model')));
  await studio.export.importModel(modelPath);
  await studio.export.predict(csvFile('new-penguins.csv', penguinsWithoutSpecies()));
  expect((await studio.export.predictionsTable()).rows.length).toBeGreaterThan(0);
  await page.screenshot({ path: testInfo.outputPath('csp-flow-export.png'), fullPage: true });

  expect(await violations(page)).toEqual([]);

  // The watcher does see violations: an inline script in the page (refused by the header's policy
  // and by the <meta>'s, so twice), a request to another origin from a worker.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 100));
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan ?? false;
  });
  expect(ran).toBe(false);
  const engine = page.workers().find((w) => /engine\.worker/.test(w.url()))!;
  await engine.evaluate(() => fetch('http://example.invalid/').catch(() => null));
  await expect.poll(async () => (await violations(page)).map((v) => `${v.where === 'page' ? 'page' : 'worker'} ${v.directive}`).sort()).toEqual(['page script-src-elem', 'page script-src-elem', 'worker connect-src']);
});
