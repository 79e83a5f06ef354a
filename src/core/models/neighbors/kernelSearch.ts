import { KernelArena, kernelsAvailable } from '../../kernels/kernels';
import { type Metric, type NeighborIndex, buildIndex } from './search';

/**
 * Lays out training rows for search in a WebAssembly kernel arena where the kernels run (the studio
 * and the CLI), in plain memory otherwise; both give the same neighbours.
 */
export function buildKernelIndex(X: Float32Array, n: number, d: number, metric: Metric, useKernels = kernelsAvailable()): NeighborIndex {
  return buildIndex(X, n, d, metric, useKernels ? (bytes) => new KernelArena(bytes, false) : null);
}
