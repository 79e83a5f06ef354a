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
