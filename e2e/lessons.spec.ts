import { type Page, expect, test } from '@playwright/test';
import { type Finding, describe, scan } from './fixtures/axe';
import { Lessons } from './pages/Lessons';
import { Studio } from './pages/Studio';

/**
 * Every lesson of the Lessons menu walked end to end as a person would: each step's control is
 * ringed, the person uses it (the lesson's own button where it hands over a file), the explanation
 * shows and Next moves on, to Finish. axe scans the page with a lesson step on it (no serious or
 * critical violation) on each screen the lessons visit (Evaluate once per kind of model), and on
 * every step of every lesson with SAPLING_LESSONS_FULL_AXE=1 (see scanStep). One lesson is left and resumed; Presenter mode is turned on and survives a reload,
 * and corrupt stored progress does not break the studio.
 * Screenshots at 1280×800 go to $SAPLING_LESSON_SHOTS when it is set.
 */

/** What the person does on a step (nothing for a step that is read). */
type Act = (page: Page) => Promise<void>;
type Walk = readonly (readonly [title: string, act?: Act])[];

const SHOTS = process.env.SAPLING_LESSON_SHOTS;
const FULL_AXE = process.env.SAPLING_LESSONS_FULL_AXE === '1';
/** The screens already scanned whole in this run (the tests share one worker). */
const scannedWhole = new Set<string>();

/**
 * Scans a lesson step's page whole with axe, the first time its screen is met in this run (`kind`
 * tells apart Evaluate for a classifier, a regression and clusters), with the lesson's panel,
 * ring and note on it; every step with SAPLING_LESSONS_FULL_AXE=1. A scan takes 6 to 24 s on this
 * loaded 2-core machine whatever part of the page it is limited to (axe walks the whole tree), so
 * scanning all 60 steps would take the spec past ten minutes.
 */
async function scanStep(page: Page, where: string, kind = ''): Promise<Finding[]> {
  // The lab (Learn by doing) replaces the lifecycle's tabs.
  const selected = page.getByRole('tab', { selected: true });
  const tab = (await selected.count()) ? ((await selected.textContent()) ?? '') : 'Learn by doing';
  const screen = tab.endsWith('Evaluate') ? `${tab}${kind}` : tab;
  if (!FULL_AXE && scannedWhole.has(screen)) return [];
  scannedWhole.add(screen);
  return scan(page, where);
}

const tab = (name: string): Act => (page) => page.getByRole('tab', { name }).click();
const press = (name: string | RegExp): Act => (page) => page.getByRole('button', { name, exact: typeof name === 'string' }).click();
const target = (column: string): Act => (page) => page.getByRole('combobox', { name: 'Target' }).selectOption(column).then(() => undefined);
const LOAD: Walk = [['Load the penguins', press(/^Palmer penguins/)], ['Open the Problem step', tab('Problem')]];
const TRAIN: Act = press('Train');

/** Walks lesson `title` step by step: checks the step, its ring, scans it, acts, waits for Next. */
async function walk(page: Page, title: string, steps: Walk, found: Finding[], shoot: Record<number, string> = {}, kind = ''): Promise<void> {
  const lessons = new Lessons(page);
  await lessons.start(title);
  for (const [i, [step, act]] of steps.entries()) {
    await expect(lessons.stepTitle(title)).toHaveText(step);
    await expect(lessons.counter(title)).toHaveText(`Lesson · step ${i + 1} of ${steps.length}`);
    await expect(lessons.ringed()).toHaveCount(1, { timeout: 15_000 });
    const t0 = Date.now();
    found.push(...(await scanStep(page, `${title}, step ${i + 1} (${step})`, kind)));
    const t1 = Date.now();
    if (SHOTS && shoot[i + 1]) await page.screenshot({ path: `${SHOTS}/${shoot[i + 1]}.png` });
    if (act) await act(page);
    await lessons.nextWhenDone(title, 120_000);
    console.log(`TIMING ${step}: scan ${t1 - t0} ms, act ${Date.now() - t1} ms`);
  }
  await expect(lessons.panel(title)).toBeHidden();
  await expect(lessons.toggle()).toBeFocused();
}

function report(found: readonly Finding[]): void {
  expect(found.map((f) => `${f.where}: ${f.id}`), describe(found)).toEqual([]);
}

test.use({ viewport: { width: 1280, height: 800 } });

test('lesson 1, your first classifier, from the penguins to the exported model', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  const found: Finding[] = [];
  await walk(
    page,
    'Your first classifier',
    [
      LOAD[0],
      ['Read the profile'],
      LOAD[1],
      ['Predict “species”', target('species')],
      ['Open Train', tab('Train')],
      ['Train', TRAIN],
      ['Open Evaluate', tab('Evaluate')],
      ['Read the confusion matrix'],
      ['Open Export', tab('Export')],
      [
        'Export the model',
        async (p) => {
          const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Export model' }).click()]);
          expect(download.suggestedFilename()).toMatch(/\.json$/);
        },
      ],
    ],
    found,
    { 1: 'lesson-data', 4: 'lesson-problem', 6: 'lesson-train', 8: 'lesson-evaluate', 10: 'lesson-export' },
  );
  // The finished lesson is marked done in the menu.
  const lessons = new Lessons(page);
  await lessons.openMenu();
  await expect(lessons.menu().getByRole('listitem').first()).toContainText('done');
  report(found);
});

test('lesson 2, overfitting: a deep tree and a shallow one, left part way and resumed', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  const found: Finding[] = [];
  const lessons = new Lessons(page);
  const title = 'Overfitting';
  const first: Walk = [...LOAD, ['Predict “species”', target('species')], ['Open Train', tab('Train')], ['Pick a decision tree', () => studio.train.chooseModel('tree')], ['Train', TRAIN]];
  await lessons.start(title);
  for (const [i, [step, act]] of first.entries()) {
    await expect(lessons.stepTitle(title)).toHaveText(step);
    found.push(...(await scanStep(page, `${title}, step ${i + 1} (${step})`)));
    await act?.(page);
    await lessons.nextWhenDone(title, 120_000);
  }
  // Leave at step 7; focus goes back to the Lessons button; the menu offers to resume there.
  await expect(lessons.stepTitle(title)).toHaveText('Open Evaluate');
  await lessons.panel(title).getByRole('button', { name: 'Leave lesson' }).click();
  await expect(lessons.panel(title)).toBeHidden();
  await expect(lessons.ringed()).toHaveCount(0);
  await expect(lessons.toggle()).toBeFocused();
  await lessons.openMenu();
  await lessons.menu().getByRole('button', { name: `Resume ${title} at step 7` }).click();
  await expect(lessons.counter(title)).toHaveText('Lesson · step 7 of 13');
  const rest: Walk = [
    ['Open Evaluate', tab('Evaluate')],
    ['Draw the learning curve', press('Draw the learning curve by training size')],
    ['Open Train', tab('Train')],
    ['Make the tree shallow', () => studio.train.setParam('Maximum depth', '2')],
    ['Train', TRAIN],
    ['Open Evaluate', tab('Evaluate')],
    ['Draw its learning curve', press('Draw the learning curve by training size')],
  ];
  for (const [i, [step, act]] of rest.entries()) {
    await expect(lessons.stepTitle(title)).toHaveText(step);
    await expect(lessons.ringed()).toHaveCount(1, { timeout: 15_000 });
    await expect(lessons.ringed()).toBeVisible();
    found.push(...(await scanStep(page, `${title}, step ${i + 7} (${step})`)));
    if (SHOTS && step === 'Make the tree shallow') await page.screenshot({ path: `${SHOTS}/lesson-settings.png` });
    await act?.(page);
    await lessons.nextWhenDone(title, 120_000);
  }
  await expect(lessons.panel(title)).toBeHidden();
  report(found);
});

test('lessons 3 and 4: regression and residuals, finding groups', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  const found: Finding[] = [];
  await walk(page, 'Regression and residuals', [...LOAD, ['Predict “body_mass_g”', target('body_mass_g')], ['Open Train', tab('Train')], ['Train', TRAIN], ['Open Evaluate', tab('Evaluate')], ['Predicted against actual'], ['Read the residuals']], found, { 7: 'lesson-residuals' }, 'regression');
  // A fresh studio for the next lesson, as a class would start it.
  await studio.open();
  await walk(
    page,
    'Finding groups',
    [...LOAD, ['Learn without a target', () => studio.problem.chooseNoTarget('clustering')], ['Open Train', tab('Train')], ['Train', TRAIN], ['Open Evaluate', tab('Evaluate')], ['Read the elbow']],
    found,
    { 6: 'lesson-elbow' },
    'clusters',
  );
  report(found);
});

test('lessons 5 and 6: explaining a prediction, drift and retraining (with the files the lessons hand over)', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  const found: Finding[] = [];
  const lessons = new Lessons(page);
  await walk(
    page,
    'Explaining a prediction',
    [
      ...LOAD,
      ['Predict “species”', target('species')],
      ['Open Train', tab('Train')],
      ['Train', TRAIN],
      ['Open Export', tab('Export')],
      ['Predict new penguins', () => lessons.panel('Explaining a prediction').getByRole('button', { name: 'Predict the penguins sample' }).click()],
      ['Ask why', press('Why row 1?')],
    ],
    found,
    { 8: 'lesson-why' },
  );
  await studio.open();
  await walk(
    page,
    'Drift and retraining',
    [
      ...LOAD,
      ['Predict “species”', target('species')],
      ['Open Train', tab('Train')],
      ['Train', TRAIN],
      ['Open Monitor', tab('Monitor')],
      ['Load next season', () => lessons.panel('Drift and retraining').getByRole('button', { name: 'Load next season’s penguins' }).click()],
      ['Which columns moved'],
      ['Retrain', press('Retrain')],
    ],
    found,
    { 8: 'lesson-drift', 9: 'lesson-retrain' },
  );
  // The drifted columns were flagged by the monitor (not just shown).
  await expect(page.getByRole('table', { name: 'Column drift' })).toContainText('flipper_length_mm');
  report(found);
});

test('lesson 7, the Learn by doing lab: the exact answer, then Q-learning by trial and error, then the agent playing', async ({ page }) => {
  test.setTimeout(300_000);
  const studio = new Studio(page);
  await studio.open();
  const found: Finding[] = [];
  const algorithm = (label: string): Act => (p) => p.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label }).then(() => undefined);
  await walk(
    page,
    'Learning by doing: reinforcement learning',
    [
      ['Open the lab', press('Learn by doing')],
      ['The frozen lake', (p) => p.getByRole('radio', { name: 'FrozenLake 4×4' }).check()],
      ['The exact answer first', algorithm('Value iteration')],
      ['Solve', press('Solve')],
      ['Read the values'],
      ['Now learn by trying', algorithm('Q-learning')],
      ['Train', TRAIN],
      ['Learned against exact'],
      ['Watch it play', press('Run without learning')],
      ['Back to the studio', press('Back to the studio')],
    ],
    found,
    { 4: 'lesson-lab-solve', 8: 'lesson-lab-learned' },
  );
  await expect(page.getByRole('tab', { name: 'Data' })).toBeVisible();
  report(found);
});

test('Presenter mode: larger type and higher contrast, kept after a reload; a lesson left before a reload resumes where the studio can; corrupt progress is ignored', async ({ page }) => {
  test.setTimeout(180_000);
  // Storage left corrupt by some older or broken page: the studio and the menu must still work.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('sapling.lessons', '{"version": 1, "active": {"lesson": "no-such-lesson", "step": 99}, "finished": [3, "overfitting", null]');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const studio = new Studio(page);
  await studio.open();
  const lessons = new Lessons(page);
  await lessons.openMenu();
  await expect(lessons.menu().getByRole('button', { name: /^Start / })).toHaveCount(7);
  await expect(lessons.menu().getByRole('button', { name: /^Resume / })).toHaveCount(0);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lessons-menu.png` });

  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.screen h2')!).fontSize));
  const before = await size();
  await lessons.menu().getByRole('checkbox', { name: 'Presenter mode' }).check();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  expect(await size()).toBeGreaterThan(before * 1.15);
  const muted = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--muted').trim());
  expect(muted).toBe('#3a423d');

  // A lesson begun, left, then the page reloaded: the data is gone, so it resumes at loading it.
  await lessons.start('Regression and residuals');
  await page.getByRole('button', { name: /^Palmer penguins/ }).click();
  await lessons.nextWhenDone('Regression and residuals');
  await expect(lessons.counter('Regression and residuals')).toHaveText('Lesson · step 2 of 8');
  const found = await scan(page, 'Presenter mode, lesson step 2');
  expect(found.map((f) => f.id), describe(found)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/presenter-step.png` });
  await page.reload();
  await expect(page.getByTestId('backend-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await lessons.openMenu();
  await expect(lessons.menu().getByRole('checkbox', { name: 'Presenter mode' })).toBeChecked();
  await lessons.menu().getByRole('button', { name: 'Resume Regression and residuals at step 2' }).click();
  await expect(lessons.counter('Regression and residuals')).toHaveText('Lesson · step 1 of 8');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/presenter-resumed.png` });
  await lessons.openMenu();
  await lessons.menu().getByRole('checkbox', { name: 'Presenter mode' }).uncheck();
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
});
