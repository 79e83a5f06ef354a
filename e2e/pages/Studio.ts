import { type Download, type Locator, type Page, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** A file to hand to a file input: a path, or a name with contents. */
export type FileArg = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * The studio as a person uses it, by accessible names only (labels and roles listed in the
 * README). One object per screen keeps the specs readable.
 */
export class Studio {
  readonly data: DataScreen;
  readonly problem: ProblemScreen;
  readonly prepare: PrepareScreen;
  readonly train: TrainScreen;
  readonly evaluate: EvaluateScreen;
  readonly export: ExportScreen;

  constructor(readonly page: Page) {
    this.data = new DataScreen(page);
    this.problem = new ProblemScreen(page);
    this.prepare = new PrepareScreen(page);
    this.train = new TrainScreen(page);
    this.evaluate = new EvaluateScreen(page);
    this.export = new ExportScreen(page);
  }

  /** Opens the studio and waits until the compute backend is chosen. */
  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByTestId('backend-summary')).toBeVisible({ timeout: 60_000 });
  }

  /** The backend chooser, in the header's compute details (opened if closed). */
  async backend(): Promise<Locator> {
    const details = this.page.locator('details.backend-details');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    return this.page.getByRole('combobox', { name: 'Backend' });
  }

  /** Switches the compute backend in the header's details, waits until it is active, and closes the details (they cover the steps). */
  async chooseBackend(name: string): Promise<void> {
    await (await this.backend()).selectOption(name);
    // Choosing closes the details: the select is then hidden, out of the accessibility tree.
    const backend = this.page.getByRole('combobox', { name: 'Backend', includeHidden: true });
    await expect(backend).toBeEnabled();
    await expect(backend).toHaveValue(name);
    await this.page.keyboard.press('Escape');
    await expect(backend).toBeHidden();
  }

  /** Opens a lifecycle step by its tab. */
  async step(name: 'Data' | 'Problem' | 'Prepare' | 'Train' | 'Evaluate' | 'Export' | 'Monitor'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /**
   * The common start of a run: opens the studio, loads and profiles `file`, chooses `target` on
   * Problem, and (with `model`) opens Train with that model picked.
   */
  async withTarget(file: FileArg, target: string, model?: string): Promise<void> {
    await this.open();
    await this.data.upload(file);
    await this.data.profile();
    await this.step('Problem');
    await this.problem.chooseTarget(target);
    if (model === undefined) return;
    await this.step('Train');
    await this.train.chooseModel(model);
  }

  /** The alerts currently shown. */
  alerts(): Locator {
    return this.page.getByRole('alert');
  }
}

class DataScreen {
  constructor(private readonly page: Page) {}

  async upload(file: FileArg): Promise<void> {
    await this.page.getByLabel('Upload CSV').setInputFiles(file);
  }

  async loadSample(label: RegExp): Promise<void> {
    await this.page.getByRole('button', { name: label }).click();
  }

  /** Waits for the column profile and returns its rows as {column, type} (the type selector's value). */
  async profile(): Promise<{ column: string; type: string }[]> {
    const table = this.page.getByRole('table', { name: 'Column profile' });
    await expect(table).toBeVisible();
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map(async (r) => ({ column: (await r.locator('th').textContent()) ?? '', type: await r.getByRole('combobox').first().inputValue() })));
  }
}

class ProblemScreen {
  constructor(private readonly page: Page) {}

  async chooseTarget(column: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Target' }).selectOption(column);
  }

  /** Chooses to learn without a target: find groups, or reduce dimensions. */
  async chooseNoTarget(task: 'clustering' | 'projection'): Promise<void> {
    const name = task === 'clustering' ? 'No target — find groups (clustering)' : 'No target — reduce dimensions (PCA)';
    await this.page.getByRole('radio', { name }).check();
  }
}

class PrepareScreen {
  constructor(private readonly page: Page) {}

  /** Uses a column as a feature, or leaves it out. */
  async useColumn(column: string, use: boolean): Promise<void> {
    await this.page.getByRole('checkbox', { name: `Use ${column}` }).setChecked(use);
  }
}

class TrainScreen {
  constructor(private readonly page: Page) {}

  async chooseModel(id: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Model' }).selectOption(id);
  }

  /** Sets a model parameter through its labelled field in Settings. */
  async setParam(label: string, value: string): Promise<void> {
    const settings = this.page.getByText('Settings', { exact: true });
    if (!(await this.page.getByLabel(label, { exact: true }).isVisible())) await settings.click();
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  trainButton(): Locator {
    return this.page.getByRole('button', { name: 'Train', exact: true });
  }

  cancelButton(): Locator {
    return this.page.getByRole('button', { name: 'Cancel' });
  }

  /** Clicks Train and waits until training has finished (Auto's message starts with what it chose). */
  async trainAndWait(): Promise<void> {
    await this.trainButton().click();
    await expect(this.doneMessage()).toBeVisible({ timeout: 120_000 });
  }

  /** The status after a finished run: "Done in …", or Auto's "Auto chose …". */
  doneMessage(): Locator {
    return this.page.locator('p.status').filter({ hasText: /^(Done in |Auto chose )/ });
  }
}

class EvaluateScreen {
  constructor(private readonly page: Page) {}

  /** The tree diagram (an SVG image named after the tree). */
  treeDiagram(name: RegExp = /tree|Round/i): Locator {
    return this.page.getByRole('img', { name });
  }

  /** The zoom level shown beside the diagram's zoom buttons, in percent. */
  async zoomLevel(): Promise<number> {
    return parseInt((await this.page.getByRole('status', { name: 'Zoom level' }).textContent()) ?? '', 10);
  }

  async zoom(direction: 'in' | 'out'): Promise<void> {
    await this.page.getByRole('button', { name: `Zoom ${direction}` }).click();
  }

  /** The "What the model relies on" bars as {feature: shown value}, largest first. */
  async importance(): Promise<{ feature: string; value: string }[]> {
    const table = this.page.getByRole('table', { name: 'Feature importance' });
    await expect(table).toBeVisible();
    return Promise.all((await table.locator('tbody tr').all()).map(async (r) => ({ feature: (await r.getByRole('rowheader').textContent()) ?? '', value: (await r.getByRole('cell').textContent()) ?? '' })));
  }

  /** Colours the 2-D map of the rows by an option of "Colour by" (`Cluster`, `species (categorical)`…). */
  async colourBy(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Colour by' }).selectOption({ label });
  }

  /** The colour legend of the map (a list named after what it colours by). */
  colourLegend(name: string): Locator {
    return this.page.getByRole('list', { name: `Colours: ${name}` });
  }

  /** The "Cluster sizes" bars as {cluster: rows}. */
  async clusterSizes(): Promise<Record<string, number>> {
    const table = this.page.getByRole('table', { name: 'Cluster sizes' });
    await expect(table).toBeVisible();
    const out: Record<string, number> = {};
    for (const row of await table.locator('tbody tr').all()) {
      const name = ((await row.getByRole('rowheader').textContent()) ?? '').trim();
      out[name] = parseInt(((await row.getByRole('cell').textContent()) ?? '').replace(/,/g, ''), 10);
    }
    return out;
  }

  /** The "Test metrics" table as {metric name: value} (the model's column). */
  async testMetrics(): Promise<Record<string, number>> {
    return Object.fromEntries(Object.entries(await this.testMetricsWithBaseline()).map(([name, v]) => [name, v.model]));
  }

  /** The "Test metrics" table as {metric name: {model, baseline}}; a baseline not known is NaN. */
  async testMetricsWithBaseline(): Promise<Record<string, { model: number; baseline: number }>> {
    const table = this.page.getByRole('table', { name: 'Test metrics' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Baseline' })).toBeVisible();
    const out: Record<string, { model: number; baseline: number }> = {};
    for (const row of await table.locator('tbody tr').all()) {
      const name = await row.getByRole('rowheader').textContent();
      const [model, baseline] = await row.getByRole('cell').allTextContents();
      out[name!.trim()] = { model: Number(model), baseline: Number(baseline) };
    }
    return out;
  }
}

class ExportScreen {
  constructor(private readonly page: Page) {}

  /** Clicks a button that downloads one file and returns the download. */
  async download(button: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('button', { name: button }).click()]);
    return download;
  }

  async importModel(file: FileArg): Promise<void> {
    await this.page.getByLabel('Import model').setInputFiles(file);
  }

  async predict(file: FileArg): Promise<void> {
    await this.page.getByLabel('Data to predict').setInputFiles(file);
    await expect(this.page.getByRole('table', { name: 'Predictions' })).toBeVisible();
  }

  /** The predictions table's header and rows. */
  async predictionsTable(): Promise<{ columns: string[]; rows: string[][] }> {
    const table = this.page.getByRole('table', { name: 'Predictions' });
    const columns = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
    const rows = await Promise.all((await table.locator('tbody tr').all()).map(async (r) => (await r.locator('td').allTextContents()).map((s) => s.trim())));
    // A model with a target puts a "Why?" button before each row: not a data column.
    const skip = columns[0] === 'Why?' ? 1 : 0;
    return { columns: columns.slice(skip), rows: rows.map((r) => r.slice(skip)) };
  }

  /** Asks why row `row` (1-based) was predicted as it was and returns the pushes shown: baseline, each line, output. */
  async why(row: number): Promise<{ title: string; baseline: number; pushes: { column: string; value: number }[]; output: number }> {
    await this.page.getByRole('button', { name: `Why row ${row}?` }).click();
    const region = this.page.getByRole('region', { name: new RegExp(`^Why row ${row}:`) });
    await expect(region).toBeVisible();
    const table = region.getByRole('table', { name: `Contributions to row ${row}` });
    const lines = await Promise.all(
      (await table.locator('tbody tr').all()).map(async (r) => ({ column: ((await r.locator('th').textContent()) ?? '').trim(), value: Number(((await r.locator('.bar-value').textContent()) ?? '').replace('+', '')) })),
    );
    return { title: ((await region.getByRole('heading').textContent()) ?? '').trim(), baseline: lines[0].value, pushes: lines.slice(1, -1), output: lines[lines.length - 1].value };
  }
}

/** The text of a finished download. */
export async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path!, 'utf8');
}
