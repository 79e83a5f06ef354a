import type { Rng } from '../../util/rng';

/**
 * Dual coordinate descent for one binary linear SVM: Hsieh, Chang, Lin, Keerthi & Sundararajan,
 * "A Dual Coordinate Descent Method for Large-scale Linear SVM" (ICML 2008), algorithm 3 with
 * shrinking, as liblinear's `solve_l2r_l1l2_svc` implements it (and so scikit-learn's LinearSVC).
 *
 * Primal: min ½‖w‖² + C Σ ξ(yᵢ·w·xᵢ), ξ(m) = max(0, 1 − m) (hinge) or its square (squared hinge).
 * As in liblinear, the intercept is a weight on an extra feature fixed at 1 (LinearSVC's
 * intercept_scaling = 1), so it is regularised like the other weights.
 *
 * Each pass visits the active rows in a random order drawn from `rng` (liblinear draws from its own
 * generator), so a seed repeats exactly. Training stops when the projected gradients of all rows
 * lie within `tolerance` of each other, liblinear's stopping rule.
 */

/** Settings of one dual coordinate descent solve. */
export interface DualCdOptions {
  readonly C: number;
  readonly loss: 'hinge' | 'squared_hinge';
  readonly maxIterations: number;
  readonly tolerance: number;
  /**
   * Called after each pass with its number (1-based) and the primal objective / (C·n) as the pass
   * saw it: each visited row's loss at its margin before its own update (a running loss, like the
   * MLP's epoch loss), rows set aside by shrinking counting 0 (they lay beyond the margin when set aside). Exact
   * bookkeeping would cost a second pass over the data.
   */
  readonly onPass?: (pass: number, loss: number) => Promise<void> | void;
}

/** The solution: d weights then the intercept, and how the solve ended. */
export interface DualCdResult {
  readonly w: Float64Array;
  readonly passes: number;
  readonly converged: boolean;
}

/** Solves the SVM for rows X (n × d, row-major) with labels `sign` (+1 / −1 per row). */
export async function solveDualCd(X: Float32Array, n: number, d: number, sign: Int8Array, options: DualCdOptions, rng: Rng): Promise<DualCdResult> {
  const squared = options.loss === 'squared_hinge';
  // Squared hinge: α unbounded above, diagonal 1/(2C) added to Q; hinge: 0 ≤ α ≤ C, no diagonal.
  const upper = squared ? Infinity : options.C;
  const diag = squared ? 0.5 / options.C : 0;
  const w = new Float64Array(d + 1);
  const alpha = new Float64Array(n);
  const qd = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 1; // the intercept feature
    for (let j = 0; j < d; j++) s += X[i * d + j] ** 2;
    qd[i] = s + diag;
    order[i] = i;
  }
  let active = n;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let pass = 0;
  let converged = false;
  while (pass < options.maxIterations) {
    for (let s = 0; s < active; s++) {
      const t = s + rng.int(active - s);
      const tmp = order[s];
      order[s] = order[t];
      order[t] = tmp;
    }
    let pgMax = -Infinity;
    let pgMin = Infinity;
    let slackSum = 0;
    for (let s = 0; s < active; s++) {
      const i = order[s];
      const yi = sign[i];
      const row = i * d;
      let margin = w[d];
      for (let j = 0; j < d; j++) margin += w[j] * X[row + j];
      const slack = Math.max(0, 1 - yi * margin);
      slackSum += squared ? slack * slack : slack;
      const g = yi * margin - 1 + diag * alpha[i];
      let pg = 0;
      if (alpha[i] === 0) {
        // Shrinking: a row at its lower bound whose gradient points outwards beyond last pass's
        // largest violation is unlikely to move again; set it aside until the final check.
        if (g > pgMaxOld) {
          active--;
          order[s] = order[active];
          order[active] = i;
          s--;
          continue;
        }
        if (g < 0) pg = g;
      } else if (alpha[i] === upper) {
        if (g < pgMinOld) {
          active--;
          order[s] = order[active];
          order[active] = i;
          s--;
          continue;
        }
        if (g > 0) pg = g;
      } else pg = g;
      pgMax = Math.max(pgMax, pg);
      pgMin = Math.min(pgMin, pg);
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.min(Math.max(old - g / qd[i], 0), upper);
        const step = (alpha[i] - old) * yi;
        for (let j = 0; j < d; j++) w[j] += step * X[row + j];
        w[d] += step;
      }
    }
    pass++;
    let norm = 0;
    for (let j = 0; j <= d; j++) norm += w[j] * w[j];
    await options.onPass?.(pass, slackSum / n + norm / (2 * options.C * n));
    if (pgMax - pgMin <= options.tolerance) {
      if (active === n) {
        converged = true;
        break;
      }
      // Converged on the active rows only: bring every row back and check again.
      active = n;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    pgMinOld = pgMin >= 0 ? -Infinity : pgMin;
  }
  return { w, passes: pass, converged };
}
