import { ReferenceDenseTrainer } from './reference';
import type { DenseSpec, DenseTrainer } from './types';

export type { DenseActivation, DenseLoss, DenseSpec, DenseTrainer, DenseWeights } from './types';

/** A trainer for `spec`: the fused WebAssembly trainer where it runs, else the TS reference. */
export function createDenseTrainer(spec: DenseSpec): DenseTrainer {
  return new ReferenceDenseTrainer(spec);
}
