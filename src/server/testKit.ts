// Helpers for the server's tests (not shipped): model files trained by the CLI as a person would,
// and rows of the penguins sample as a client would send them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the CLI (`npm run sapling -- …` runs this same launcher); throws with its stderr when it fails. */
export function sapling(...args: string[]): string {
  const r = spawnSync(process.execPath, ['scripts/sapling.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sapling ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Trains a model on a sample (`penguins` or `iris`) into `out` with the CLI. */
export function trainModel(sample: string, out: string, ...args: string[]): string {
  sapling('train', join(ROOT, 'public', 'samples', `${sample}.csv`), ...args, '--out', out);
  return out;
}

/** The penguins sample's lines (header first), as in the file. */
export function penguinLines(): string[] {
  return readFileSync(join(ROOT, 'public', 'samples', 'penguins.csv'), 'utf8').trimEnd().split('\n');
}

/** The penguins' input columns for a species model, and a few rows of them as JSON row objects. */
export const PENGUIN_COLUMNS = ['island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'sex', 'year'] as const;

/** Penguin rows as JSON objects (numbers as numbers, NA as null) of `columns` (the species model's inputs by default). */
export function penguinRows(count: number, from = 1, columns: readonly string[] = PENGUIN_COLUMNS): Record<string, string | number | null>[] {
  const lines = penguinLines();
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  return lines.slice(from, from + count).map((line) => {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    const row: Record<string, string | number | null> = {};
    for (const column of columns) {
      const cell = cells[header.indexOf(column)];
      row[column] = cell === 'NA' ? null : /^[\d.]+$/.test(cell) ? Number(cell) : cell;
    }
    return row;
  });
}
