import { fClassif, pearson } from './scores';
import type { SelectionTarget } from './fromModel';

/**
 * Which columns `drop-correlated` keeps. Columns are visited from the most related to the target
 * to the least (|r| with the target for values, the ANOVA F for classes; ties, and every column
 * when there is no target, in table order); each is kept unless its |r| with a column already kept
 * is above `threshold`. So of every highly correlated pair the one less related to the target goes
 * (without a target, the later one), and a chain a–b–c where only neighbours correlate keeps a and
 * c. A constant column correlates with nothing (its r is NaN).
 */
export function dropCorrelated(cols: readonly ArrayLike<number>[], threshold: number, target: SelectionTarget | null): { kept: number[]; relevance: number[]; dropped: { column: number; because: number; r: number }[] } {
  const d = cols.length;
  const relevance = target ? relevanceOf(cols, target) : new Array<number>(d).fill(0);
  const order = relevance.map((_, j) => j).sort((a, b) => relevance[b] - relevance[a] || a - b);
  // Centred columns of unit norm: each pair's r is then one dot product (NaN for a constant column).
  const unit = cols.map((x) => {
    const n = x.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i];
    mean /= n;
    const u = Float64Array.from(x, (v) => v - mean);
    const norm = Math.sqrt(u.reduce((a, v) => a + v * v, 0));
    for (let i = 0; i < n; i++) u[i] /= norm;
    return u;
  });
  const kept: number[] = [];
  const dropped: { column: number; because: number; r: number }[] = [];
  for (const j of order) {
    let clash: { because: number; r: number } | null = null;
    for (const k of kept) {
      let r = 0;
      for (let i = 0; i < unit[j].length; i++) r += unit[j][i] * unit[k][i];
      if (Math.abs(r) > threshold) {
        clash = { because: k, r };
        break;
      }
    }
    if (clash) dropped.push({ column: j, ...clash });
    else kept.push(j);
  }
  return { kept: kept.sort((a, b) => a - b), relevance, dropped };
}

/** |r| with a numeric target, the ANOVA F with classes; a score that is not a number ranks last. */
function relevanceOf(cols: readonly ArrayLike<number>[], target: SelectionTarget): number[] {
  const raw = target.classes > 0 ? fClassif(cols, target.y, target.classes) : cols.map((x) => Math.abs(pearson(x, target.y)));
  return raw.map((v) => (Number.isNaN(v) ? -Infinity : v));
}
