import type { DenseSpec } from './types';
import { STEP_STRIDE } from './webgpuKernels';

/** What one optimiser step of the WebGPU trainer needs beyond its compiled kernels. */
export interface StepPlan {
  /** Index in the epoch's order of the batch's first row. */
  readonly start: number;
  readonly rows: number;
  /** The dropout counter at the step's start (uint32). */
  readonly dropBase: number;
  /** Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ in float32 (1 for SGD). */
  readonly om1: number;
  readonly om2: number;
  /** l2 / rows, the L2 gradient's factor. */
  readonly l2c: number;
}

/** The state a trainer carries from step to step, kept as reference.ts keeps it. */
export interface StepState {
  readonly accBeta1: number;
  readonly accBeta2: number;
  readonly dropCounter: number;
}

/**
 * The steps of an epoch over `length` ordered rows in batches of `batchSize` (the last one shorter),
 * with the optimiser's and dropout's running state advanced exactly as the TS reference advances it:
 * β powers multiplied in float32 after each Adam step, the counter up by one per hidden unit per row
 * when there is dropout.
 */
export function planSteps(length: number, batchSize: number, spec: DenseSpec, state: StepState): { steps: StepPlan[]; after: StepState } {
  const fround = Math.fround;
  const adam = spec.optimizer.kind === 'adam' ? spec.optimizer : null;
  const b1 = fround(adam?.beta1 ?? 0.9);
  const b2 = fround(adam?.beta2 ?? 0.999);
  const hiddenUnits = spec.dropout > 0 ? spec.hidden.reduce((a, h) => a + h.units, 0) : 0;
  let { accBeta1, accBeta2, dropCounter } = state;
  const steps: StepPlan[] = [];
  for (let start = 0; start < length; start += batchSize) {
    const rows = Math.min(batchSize, length - start);
    steps.push({ start, rows, dropBase: dropCounter >>> 0, om1: adam ? fround(1 - accBeta1) : 1, om2: adam ? fround(1 - accBeta2) : 1, l2c: spec.l2 / rows });
    dropCounter = (dropCounter + rows * hiddenUnits) | 0;
    if (adam) {
      accBeta1 = fround(accBeta1 * b1);
      accBeta2 = fround(accBeta2 * b2);
    }
  }
  return { steps, after: { accBeta1, accBeta2, dropCounter } };
}

/**
 * The dropout test of init.ts's dropoutUniform as an integer one, for the kernels: a unit is kept
 * when its draw u = k / 2²⁴ reaches the rate p, that is when k ≥ ⌈p·2²⁴⌉ (p·2²⁴ is exact in float64).
 */
export function keepFrom(dropout: number): number {
  return Math.ceil(dropout * 2 ** 24);
}

/** The steps' uniforms, one per STEP_STRIDE bytes, as the kernels' `Step` struct reads them. */
export function encodeSteps(steps: readonly StepPlan[]): ArrayBuffer {
  const bytes = new ArrayBuffer(steps.length * STEP_STRIDE);
  const u = new Uint32Array(bytes);
  const f = new Float32Array(bytes);
  steps.forEach((s, i) => {
    const at = (i * STEP_STRIDE) / 4;
    u[at] = s.start;
    u[at + 1] = s.rows;
    u[at + 2] = i;
    u[at + 3] = s.dropBase;
    f[at + 4] = s.om1;
    f[at + 5] = s.om2;
    f[at + 6] = s.l2c;
  });
  return bytes;
}
