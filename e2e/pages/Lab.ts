import { type Locator, type Page, expect } from '@playwright/test';

/** The *Learn by doing* lab as a person uses it, by accessible names only (README: the lab section). */
export class Lab {
  constructor(readonly page: Page) {}

  /** Opens the studio and the lab from the header. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await this.page.getByRole('button', { name: 'Learn by doing' }).click();
    await expect(this.page.getByRole('heading', { name: 'Learn by doing: reinforcement learning' })).toBeFocused();
  }

  /** Picks an environment by its radio label. */
  async environment(name: string): Promise<void> {
    await this.page.getByRole('radio', { name }).check();
  }

  async algorithm(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Algorithm' }).selectOption({ label });
  }

  /** Sets a parameter of the algorithm's form by its label. */
  async param(label: string | RegExp, value: string): Promise<void> {
    await this.page.getByRole('spinbutton', { name: label, exact: true }).fill(value);
  }

  /** Presses Train (or Solve) and waits for the run to end. */
  async train(button: 'Train' | 'Solve' = 'Train'): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
    await expect(this.page.getByRole('status').filter({ hasText: /^(Trained|Solved)\.$/ })).toBeVisible({ timeout: 90_000 });
  }

  /** The value of the start cell as printed under the first grid. */
  async startValue(): Promise<number> {
    const text = await this.page.locator('.lab-start-value strong').first().textContent();
    return Number(text);
  }

  /** Opens every closed disclosure of the lab ("Show data as a table"), so axe scans their tables too. */
  async openDisclosures(): Promise<void> {
    const closed = this.page.locator('main details:not([open]) > summary');
    for (let n = await closed.count(); n > 0; n = await closed.count()) {
      await closed.first().click();
      if ((await closed.count()) >= n) break;
    }
  }

  /** The agent player's controls. */
  playback(): Locator {
    return this.page.getByRole('group', { name: /Play the agent/ });
  }
}
