import { ReferenceDenseTrainer } from './reference';
import { WasmDenseTrainer, denseWasmAvailable } from './wasm';
import type { DenseSpec, DenseTrainer } from './types';

export type { DenseActivation, DenseLoss, DenseSpec, DenseTrainer, DenseWeights } from './types';
export { denseKernelVariant, type DenseKernelVariant } from './kernelModule';

/** A trainer for `spec`: the fused WebAssembly trainer where it runs (relaxed SIMD where the engine has it), else the TS reference. */
export function createDenseTrainer(spec: DenseSpec): DenseTrainer {
  return denseWasmAvailable() ? new WasmDenseTrainer(spec) : new ReferenceDenseTrainer(spec);
}
