import { readFileSync } from 'node:fs';
import { createRng } from '../util/rng';

/**
 * The parity tests' data, built exactly as scripts/selection-sklearn-reference.py builds it:
 * `synthetic` from Sapling's seeded generator with + − × ÷ and floor only (so both sides hold
 * identical doubles), `penguins` from public/samples/penguins.csv (rows with every value).
 */
export function syntheticData(n = 200, seed = 15) {
  const rng = createRng(seed);
  const cols = Array.from({ length: 8 }, () => new Float64Array(n));
  const y3 = new Float64Array(n);
  const y2 = new Float64Array(n);
  const yr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = Array.from({ length: 8 }, () => rng.next());
    const [x0, x1, x2] = u;
    const x3 = u[3] * 0.01;
    const x4 = 0.5;
    const x5 = Math.floor(u[5] * 5) / 5;
    const x6 = x0 * 0.97 + u[6] * 0.03;
    const x7 = u[7];
    [x0, x1, x2, x3, x4, x5, x6, x7].forEach((v, j) => (cols[j][i] = v));
    const s = x0 + 2 * x1 - 1.5 * x2 + 0.8 * x7 + 0.6 * x5;
    y3[i] = s < 0.8 ? 0 : s < 1.6 ? 1 : 2;
    y2[i] = s > 1.2 ? 1 : 0;
    yr[i] = 3 * x0 - 2 * x1 + 4 * x2 * x7 + 0.3 * x5;
  }
  return { cols, y3, y2, yr };
}

/** Penguins' numeric columns (bill length, bill depth, flipper length, body mass, year) of the complete rows, species (names sorted) and sex (female 0, male 1). */
export function penguinsData() {
  const [head, ...lines] = readFileSync(new URL('../../../public/samples/penguins.csv', import.meta.url), 'utf8').trim().split('\n');
  const header = head.split(',').map((h) => h.replace(/"/g, ''));
  const names = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year'];
  const rows = lines.map((l) => l.split(',').map((c) => c.replace(/"/g, ''))).filter((cells) => !cells.some((c) => c === '' || c === 'NA'));
  const at = (cells: string[], name: string) => cells[header.indexOf(name)];
  const cols = names.map((name) => Float64Array.from(rows, (cells) => Number(at(cells, name))));
  const speciesNames = [...new Set(rows.map((cells) => at(cells, 'species')))].sort();
  const species = Float64Array.from(rows, (cells) => speciesNames.indexOf(at(cells, 'species')));
  const sex = Float64Array.from(rows, (cells) => (at(cells, 'sex') === 'female' ? 0 : 1));
  return { cols, species, sex };
}

/** The listed columns only. */
export function pick<T>(cols: readonly T[], which: readonly number[]): T[] {
  return which.map((j) => cols[j]);
}
