import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { describe as describeFindings, scan, type Finding } from './fixtures/axe';
import { Lab } from './pages/Lab';

/**
 * The *Learn by doing* lab end to end: value iteration's exact FrozenLake value on the screen,
 * Q-learning with its charts, the agent stepped without learning, an agent saved and loaded again
 * (and a bad file refused), a custom grid edited by keyboard, CartPole's DQN started and cancelled,
 * and axe over the lab's views. Screenshots at 1280×800 go to `<dist>-shots/` to be looked at.
 */

/** Where the screenshots go (looked at by hand; not compared). */
const SHOTS = `${process.env.SAPLING_E2E_DIST ?? 'test'}-shots`;

/**
 * V(start) of FrozenLake 4×4, slippery, γ 0.99, by value iteration to convergence: 0.5420 to four
 * places (rl-core's planning test holds the whole table to an independent computation to 1e-6).
 */
const FROZEN_LAKE_START_VALUE = 0.542;

test.use({ viewport: { width: 1280, height: 800 } });

test('value iteration on slippery FrozenLake 4×4 shows the exact start value; Q-learning learns near it; the agent steps, saves and loads', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new Lab(page);
  await lab.open();
  await page.screenshot({ path: `${SHOTS}/lab-start.png` });
  await lab.algorithm('Value iteration');
  await lab.train('Solve');
  await page.screenshot({ path: `${SHOTS}/lab-value-iteration.png` });
  expect(await lab.startValue()).toBeCloseTo(FROZEN_LAKE_START_VALUE, 4);

  await lab.algorithm('Q-learning');
  await lab.param('Episodes', '3000');
  await lab.train();
  await expect(page.getByRole('img', { name: /Reward per episode, with its moving average/ })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Exploration ε over the episodes' })).toBeVisible();
  await expect(page.getByText('Exact (value iteration, γ 0.99)', { exact: true })).toBeVisible();
  await expect(page.getByText(/Largest difference from the exact values/)).toBeVisible();

  await page.getByRole('button', { name: 'Run without learning' }).click();
  const player = lab.playback();
  await expect(player).toBeVisible();
  await player.getByRole('button', { name: 'Pause' }).click();
  const status = page.getByRole('status').filter({ hasText: /^Move \d+ of/ });
  const before = Number((await status.textContent())!.match(/Move (\d+)/)![1]);
  await player.getByRole('button', { name: 'Step' }).click();
  await expect(status).toContainText(`Move ${before + 1} of`);
  await page.screenshot({ path: `${SHOTS}/lab-q-learning.png`, fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save agent' }).click();
  const saved = await (await download).path();
  const agent = JSON.parse(readFileSync(saved, 'utf8'));
  expect(agent).toMatchObject({ format: 'sapling-agent', version: 1, algo: 'q-learning', env: { id: 'frozenlake', slippery: true } });
  expect(agent.policy).toHaveLength(16);

  await page.getByLabel('Load agent').setInputFiles({ name: 'not-an-agent.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"sapling-model"}') });
  await expect(page.getByRole('alert')).toContainText('not-an-agent.json is not an agent Sapling can load');
  await page.getByLabel('Load agent').setInputFiles({ name: 'my-agent.json', mimeType: 'application/json', buffer: readFileSync(saved) });
  await expect(page.getByText('The agent shown was loaded from my-agent.json.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Learned by Q-learning', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Run without learning' }).click();
  await expect(lab.playback()).toBeVisible();
});

test('a custom grid is edited by keyboard and solved', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  await lab.environment('Your own grid');
  const editor = page.getByRole('grid', { name: 'Custom grid editor' });
  const first = editor.getByRole('button', { name: 'Row 1, column 1: start' });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  const cell = editor.getByRole('button', { name: /^Row 1, column 2:/ });
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAccessibleName('Row 1, column 2: free');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveAccessibleName('Row 1, column 2: wall');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('h');
  await expect(editor.getByRole('button', { name: /^Row 2, column 2:/ })).toHaveAccessibleName('Row 2, column 2: hole (pit)');
  await lab.algorithm('Value iteration');
  await lab.train('Solve');
  await page.screenshot({ path: `${SHOTS}/lab-custom-grid.png`, fullPage: true });
});

test('CliffWalking: Q-learning beside the exact values', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  await lab.environment('CliffWalking');
  await lab.algorithm('Q-learning');
  await lab.param('Episodes', '500');
  await lab.train();
  await page.screenshot({ path: `${SHOTS}/lab-cliff.png`, fullPage: true });
});

test('CartPole: DQN trains briefly, its cart plays; a long training is cancelled; MountainCar is drawn', async ({ page }) => {
  test.setTimeout(240_000);
  const lab = new Lab(page);
  await lab.open();
  await lab.environment('CartPole');
  await expect(page.getByRole('combobox', { name: 'Algorithm' })).toHaveValue('dqn');
  await expect(page.getByRole('img', { name: /The starting position: cart at 0.00/ })).toBeVisible();
  await lab.param('Episodes', '10');
  await lab.train();
  await page.getByRole('button', { name: 'Run without learning' }).click();
  await expect(lab.playback()).toBeVisible();
  await lab.playback().getByRole('button', { name: 'Pause' }).click();
  await page.screenshot({ path: `${SHOTS}/lab-cartpole.png`, fullPage: true });

  // Checks off, so no early stop (a check reaching 500 ends training): the run lasts until cancelled.
  await lab.param('Episodes', '5000');
  await page.getByText('More settings').click();
  await lab.param('Check every (episodes)', '0');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('progressbar', { name: 'Training' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // The cart is drawn live from the episodes being learned from.
  await expect(page.getByRole('img', { name: /^The episode being learned from/ })).toBeVisible({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/lab-cartpole-training.png`, fullPage: true });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Training cancelled.' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();

  await lab.environment('MountainCar');
  await expect(page.getByRole('img', { name: /The starting position: car at position -0.50/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/lab-mountaincar.png` });
});

test('the lab passes axe: the picker, solved grids with their tables open, the grid editor and CartPole', async ({ page }) => {
  test.setTimeout(180_000);
  const lab = new Lab(page);
  const found: Finding[] = [];
  await lab.open();
  found.push(...(await scan(page, 'Lab (FrozenLake)')));
  await lab.algorithm('Q-learning');
  await lab.param('Episodes', '500');
  await lab.train();
  await page.getByRole('button', { name: 'Run without learning' }).click();
  await lab.openDisclosures();
  found.push(...(await scan(page, 'Lab (Q-learning, tables open)')));
  await lab.environment('Your own grid');
  found.push(...(await scan(page, 'Lab (grid editor)')));
  await lab.environment('CartPole');
  found.push(...(await scan(page, 'Lab (CartPole)')));
  expect(found.map((f) => `${f.where}: ${f.id}`), describeFindings(found)).toEqual([]);
});

test('the lab is reached from the header and left again', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  await expect(page.getByRole('tablist', { name: 'Lifecycle steps' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Back to the studio' }).click();
  await expect(page.getByRole('tablist', { name: 'Lifecycle steps' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Learn by doing' })).toHaveAttribute('aria-pressed', 'false');
});
