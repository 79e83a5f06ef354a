import type { Objective } from '../optim/lbfgs';

/**
 * Regularised logistic / softmax log-loss of a linear model, in plain float64 loops. Parameters are
 * laid out as the d×k kernel (row-major) followed by the k biases; `k = 1` is binary logistic
 * regression with a sigmoid, `k ≥ 3` multinomial with a softmax. The penalty `‖W‖² / (2·C·n)` on
 * the mean loss is scikit-learn's `C` (biases are not penalised), so the optimum matches its lbfgs.
 */
export function logisticObjective(X: Float32Array, y: Float32Array, n: number, d: number, k: number, C: number): Objective {
  const z = new Float64Array(k);
  const l2 = 1 / (C * n);
  return (w, grad) => {
    grad.fill(0);
    let loss = 0;
    const biasOffset = d * k;
    for (let i = 0; i < n; i++) {
      const row = i * d;
      for (let c = 0; c < k; c++) z[c] = w[biasOffset + c];
      for (let j = 0; j < d; j++) {
        const x = X[row + j];
        if (x === 0) continue;
        const wRow = j * k;
        for (let c = 0; c < k; c++) z[c] += x * w[wRow + c];
      }
      const label = y[i];
      if (k === 1) {
        // log(1 + e^z) − y·z, computed without overflow.
        const zi = z[0];
        loss += (zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - label * zi;
        z[0] = 1 / (1 + Math.exp(-zi)) - label;
      } else {
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.exp(z[c] - max);
        const logSum = max + Math.log(sum);
        loss += logSum - z[label];
        for (let c = 0; c < k; c++) z[c] = Math.exp(z[c] - logSum) - (c === label ? 1 : 0);
      }
      // z now holds dLoss/dlogits for the row.
      for (let c = 0; c < k; c++) grad[biasOffset + c] += z[c];
      for (let j = 0; j < d; j++) {
        const x = X[row + j];
        if (x === 0) continue;
        const wRow = j * k;
        for (let c = 0; c < k; c++) grad[wRow + c] += x * z[c];
      }
    }
    let penalty = 0;
    for (let p = 0; p < biasOffset; p++) {
      penalty += w[p] * w[p];
      grad[p] = grad[p] / n + l2 * w[p];
    }
    for (let c = 0; c < k; c++) grad[biasOffset + c] /= n;
    return loss / n + 0.5 * l2 * penalty;
  };
}
