import { expect, test } from '@playwright/test';
import { describe as describeFindings, scan } from './fixtures/axe';
import { Lab } from './pages/Lab';

/** Where the screenshots of the lab go (looked at by hand; not compared). */
const SHOTS = `${process.env.SAPLING_E2E_DIST ?? 'test'}-shots`;

test.use({ viewport: { width: 1280, height: 800 } });

test('value iteration on slippery FrozenLake 4×4 shows the exact start value', async ({ page }) => {
  const lab = new Lab(page);
  await lab.open();
  await page.screenshot({ path: `${SHOTS}/lab-start.png`, fullPage: true });
  await lab.algorithm('Value iteration');
  await lab.train('Solve');
  await page.screenshot({ path: `${SHOTS}/lab-value-iteration.png`, fullPage: true });
  expect(await lab.startValue()).toBeCloseTo(0.5418, 3);
});
