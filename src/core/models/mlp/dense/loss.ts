import type { DenseLoss } from './types';

const fround = Math.fround;

/**
 * The mean loss of a batch's logits (rows × outputs, row-major) against its targets `Y` at `rows`,
 * over the targets present (a NaN target counts for nothing; softmax counts rows whose targets are
 * all present). TF.js's formulas: sigmoid cross-entropy max(z, 0) − z·y + log(1 + e^−|z|),
 * softmax cross-entropy on log-softmax, mean squared error, Huber with delta 1.
 */
export function batchLoss(loss: DenseLoss, logits: Float32Array, Y: Float32Array, rows: Int32Array, outputs: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const y = rows[i] * outputs;
    const z = i * outputs;
    if (loss === 'softmax') {
      if (!rowPresent(Y, y, outputs)) continue;
      let max = -Infinity;
      for (let j = 0; j < outputs; j++) max = Math.max(max, logits[z + j]);
      let s = 0;
      for (let j = 0; j < outputs; j++) s += Math.exp(logits[z + j] - max);
      const lse = max + Math.log(s);
      for (let j = 0; j < outputs; j++) sum += Y[y + j] * (lse - logits[z + j]);
      count++;
      continue;
    }
    for (let j = 0; j < outputs; j++) {
      const t = Y[y + j];
      if (Number.isNaN(t)) continue;
      const v = logits[z + j];
      if (loss === 'binary') sum += Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
      else {
        const e = v - t;
        sum += loss === 'mse' ? e * e : Math.abs(e) <= 1 ? 0.5 * e * e : Math.abs(e) - 0.5;
      }
      count++;
    }
  }
  return count ? sum / count : 0;
}

/**
 * d(mean loss)/d(logits) into `grad` (rows × outputs): sigmoid(z) − y, softmax(z) − y, 2(z − y),
 * clamp(z − y, −1, 1), each over the count of targets present; 0 where a target is NaN.
 */
export function lossGradient(loss: DenseLoss, logits: Float32Array, Y: Float32Array, rows: Int32Array, outputs: number, grad: Float32Array): void {
  const count = targetCount(loss, Y, rows, outputs);
  const scale = count ? 1 / count : 0;
  for (let i = 0; i < rows.length; i++) {
    const y = rows[i] * outputs;
    const z = i * outputs;
    if (loss === 'softmax') {
      const present = rowPresent(Y, y, outputs);
      let max = -Infinity;
      for (let j = 0; j < outputs; j++) max = Math.max(max, logits[z + j]);
      let s = 0;
      for (let j = 0; j < outputs; j++) s += fround(Math.exp(logits[z + j] - max));
      for (let j = 0; j < outputs; j++) grad[z + j] = present ? fround((fround(Math.exp(logits[z + j] - max)) / s - Y[y + j]) * scale) : 0;
      continue;
    }
    for (let j = 0; j < outputs; j++) {
      const t = Y[y + j];
      const v = logits[z + j];
      let g: number;
      if (Number.isNaN(t)) g = 0;
      else if (loss === 'binary') g = fround(1 / (1 + Math.exp(-v))) - t;
      else if (loss === 'mse') g = 2 * (v - t);
      else g = Math.min(1, Math.max(-1, v - t));
      grad[z + j] = fround(g * scale);
    }
  }
}

/** Whether every target of the row starting at `y` is present (softmax learns from whole rows only). */
function rowPresent(Y: Float32Array, y: number, outputs: number): boolean {
  for (let j = 0; j < outputs; j++) if (Number.isNaN(Y[y + j])) return false;
  return true;
}

/** The targets a batch's mean is over: whole rows for softmax, single outputs otherwise. */
export function targetCount(loss: DenseLoss, Y: Float32Array, rows: Int32Array, outputs: number): number {
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    const y = rows[i] * outputs;
    if (loss === 'softmax') count += rowPresent(Y, y, outputs) ? 1 : 0;
    else for (let j = 0; j < outputs; j++) if (!Number.isNaN(Y[y + j])) count++;
  }
  return count;
}
