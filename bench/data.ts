import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../src/core/util/rng';

/** Where generated benchmark data lives (git-ignored). */
export const DATA_DIR = join(import.meta.dirname, '.data');

/**
 * A seeded binary classification CSV: `features` standard-normal columns `x1…`, and `y` from a
 * noisy linear rule, so every model has something to learn. Written once, reused after.
 */
export function classificationCsv(rows: number, features: number): string {
  const path = join(DATA_DIR, `classif-${rows}x${features}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const rng = createRng(2026);
  const weights = Array.from({ length: features }, () => rng.normal());
  const lines = [[...weights.map((_, j) => `x${j + 1}`), 'y'].join(',')];
  for (let i = 0; i < rows; i++) {
    const x = weights.map(() => rng.normal());
    const z = x.reduce((a, v, j) => a + v * weights[j], 0) + rng.normal();
    lines.push([...x.map((v) => v.toFixed(5)), z > 0 ? 1 : 0].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/**
 * The ingest benchmark file: 20 numeric columns (mixed scales, some missing) and 3 categorical
 * columns (5, 50 and 1,000 levels), about 180 bytes a row. Written once, reused after.
 */
export function mixedCsv(rows: number): string {
  const path = join(DATA_DIR, `mixed-${rows}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(DATA_DIR, { recursive: true });
  const rng = createRng(1234);
  const header = [...Array.from({ length: 20 }, (_, j) => `num${j + 1}`), 'colour', 'region', 'product'];
  const colours = ['red', 'green', 'blue', 'amber', 'violet'];
  const chunks: string[] = [header.join(',') + '\n'];
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < 20; j++) {
      if (rng.next() < 0.01) cells.push('');
      else if (j % 4 === 0) cells.push(String(Math.floor(rng.next() * 100000)));
      else cells.push((rng.normal() * 10 ** (j % 4)).toFixed(4));
    }
    cells.push(colours[rng.int(5)], `region_${rng.int(50)}`, `SKU-${(rng.int(1000) + 1000).toString(36).toUpperCase()}`);
    lines.push(cells.join(','));
    if (lines.length === 10000) {
      chunks.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length) chunks.push(lines.join('\n') + '\n');
  writeFileSync(path, chunks.join(''));
  return path;
}
