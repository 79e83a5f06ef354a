import { createRng } from '../../../util/rng';
import { SaplingError } from '../../../util/errors';
import type { DenseSpec, DenseWeights } from './types';

/** TF.js's default Adam epsilon (its backends' `epsilon()` in float32). */
export const ADAM_EPSILON = 1e-7;

/** Layer widths from the inputs to the outputs: [inputs, hidden…, outputs]. */
export function layerSizes(spec: DenseSpec): number[] {
  return [spec.inputs, ...spec.hidden.map((h) => h.units), spec.outputs];
}

/** Throws a SaplingError naming the first thing wrong with a spec. */
export function checkSpec(spec: DenseSpec): void {
  const sizes = layerSizes(spec);
  if (sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new SaplingError('bad-network', `Every layer of a network needs at least one unit (got ${sizes.join('→')}).`);
  if (!(spec.dropout >= 0 && spec.dropout < 1)) throw new SaplingError('bad-network', `Dropout must be in [0, 1) (got ${spec.dropout}).`);
  if (!(spec.l2 >= 0)) throw new SaplingError('bad-network', `L2 must be 0 or more (got ${spec.l2}).`);
  if (spec.loss === 'binary' && spec.outputs !== 1) throw new SaplingError('bad-network', `A binary loss needs one output (got ${spec.outputs}).`);
}

/**
 * Glorot-uniform kernels (limit √(6 / (fan in + fan out)), as Keras) drawn from the spec's seed,
 * layer by layer, row-major; zero biases.
 */
export function initialWeights(spec: DenseSpec): Float32Array[] {
  const rng = createRng(spec.seed);
  const sizes = layerSizes(spec);
  const weights: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l] + sizes[l + 1]));
    const kernel = new Float32Array(sizes[l] * sizes[l + 1]);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * rng.next() - 1) * limit;
    weights.push(kernel, new Float32Array(sizes[l + 1]));
  }
  return weights;
}

/** Throws unless `weights` has the spec's shapes (kernel, bias per layer). */
export function checkWeights(spec: DenseSpec, weights: DenseWeights): void {
  const sizes = layerSizes(spec);
  const ok =
    weights.length === 2 * (sizes.length - 1) &&
    sizes.slice(1).every((units, l) => weights[2 * l].length === sizes[l] * units && weights[2 * l + 1].length === units);
  if (!ok) throw new SaplingError('bad-network', `The weights do not fit a ${sizes.join('→')} network.`);
}

/**
 * The dropout draw number `counter` of a trainer seeded `seed`: uniform in [0, 1) with 24 bits, from
 * a counter hash (splitmix32's finaliser) so the TS and WebAssembly trainers draw the same masks
 * without sharing a generator. The counter goes up by one per hidden unit per row, layer by layer.
 */
export function dropoutUniform(seed: number, counter: number): number {
  let z = (seed + Math.imul(counter, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 8) / 16777216;
}
