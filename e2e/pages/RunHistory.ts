import { type Download, type Locator, type Page, expect } from '@playwright/test';
import type { FileArg } from './Studio';

/** The Run history panel, opened from the header's "Run history (N)" button on any step. */
export class RunHistory {
  constructor(private readonly page: Page) {}

  /** The header button; its name carries the number of runs. */
  toggle(): Locator {
    return this.page.getByRole('button', { name: /^Run history \(\d+\)$/ });
  }

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Run history' });
  }

  async open(): Promise<void> {
    if (await this.panel().isVisible()) return;
    await this.toggle().click();
    await expect(this.panel()).toBeVisible();
  }

  /** The runs table's body rows, newest first. */
  rows(): Locator {
    return this.panel().getByRole('table', { name: 'Runs' }).locator('tbody tr');
  }

  /** Ticks the runs at these row indexes (newest first) and opens their comparison. */
  async compare(...indexes: number[]): Promise<Locator> {
    for (const i of indexes) await this.rows().nth(i).getByRole('checkbox').check();
    await this.panel().getByRole('button', { name: /^Compare/ }).click();
    const table = this.panel().getByRole('table', { name: 'Run comparison' });
    await expect(table).toBeVisible();
    return table;
  }

  async closeComparison(): Promise<void> {
    await this.panel().getByRole('button', { name: 'Close comparison' }).click();
  }

  /** The comparison's rows of one group as {label: [A, B, difference]}. */
  async comparisonGroup(group: string): Promise<Record<string, string[]>> {
    const body = this.panel().getByRole('table', { name: 'Run comparison' }).locator('tbody').filter({ has: this.page.getByRole('columnheader', { name: group, exact: true }) });
    const out: Record<string, string[]> = {};
    for (const row of await body.locator('tr:not(.compare-group)').all()) {
      const label = ((await row.getByRole('rowheader').textContent()) ?? '').replace(' (differs)', '').trim();
      out[label] = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    }
    return out;
  }

  async rerun(index: number): Promise<void> {
    await this.rows().nth(index).getByRole('button', { name: /^Re-run / }).click();
  }

  async delete(index: number): Promise<void> {
    await this.rows().nth(index).getByRole('button', { name: /^Delete / }).click();
  }

  async exportProject(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.panel().getByRole('button', { name: 'Export project', exact: true }).click()]);
    return download;
  }

  async importProject(file: FileArg): Promise<void> {
    await this.panel().getByLabel('Import project').setInputFiles(file);
  }

  async clear(): Promise<void> {
    await this.panel().getByRole('button', { name: 'Clear history' }).click();
  }

  /** The panel's note that the history is kept in memory only (it cannot be saved in this browser). */
  memoryNote(): Locator {
    return this.panel().getByRole('note', { name: 'Run history not saved' });
  }

  /** What the panel last said (after delete, import, export…). */
  notice(): Locator {
    return this.panel().getByRole('status');
  }
}
