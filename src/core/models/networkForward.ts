import { base64ToBytes } from '../util/base64';
import { SaplingError } from '../util/errors';
import { rejectMissing } from './missing';
import type { FittedModel, NetworkState, Predictor, SerializedNetwork } from './model';

/**
 * The forward pass of the TF.js networks Sapling saves (logistic and linear regression, the MLP),
 * written out by hand so that predicting never loads TF.js: the runtime, the CLI and the studio
 * predict a network from its file's weights alone. TF.js still trains them.
 *
 * It follows what TF.js's CPU backend computes, step by step: each layer's product is summed in
 * float64 and rounded to float32, the bias is added in float32, the activation is applied and
 * rounded to float32, and softmax is TF.js's max-shifted exp over their float32 sum. So the outputs
 * match TF.js's `predict` to float32 rounding (checked within 1e-6 in networkForward.test.ts).
 */

/** Activations the Dense layers Sapling writes use (the MLP's choices and the output links). */
type Activation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'softmax';

const ACTIVATIONS: readonly Activation[] = ['linear', 'relu', 'tanh', 'sigmoid', 'elu', 'softmax'];

/** One Dense layer: `kernel` is row-major inputs × units (TF.js's layout), `bias` one per unit or null. */
export interface DenseLayer {
  readonly inputs: number;
  readonly units: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array | null;
  readonly activation: Activation;
}

const fround = Math.fround;

/**
 * The predictor of a network family's fitted model (state `{ network }`): outputs as TF.js gives
 * them, a sigmoid's one unit spread into two probability columns (the second class's last). A NaN
 * input is a `missing-values` error, not a NaN prediction.
 */
export function networkPredictor(fitted: FittedModel): Predictor {
  const network = (fitted.state as NetworkState | undefined)?.network;
  if (!network || typeof network !== 'object') throw bad('holds no network');
  const layers = denseLayers(network, fitted.nFeatures);
  const name = `Model "${fitted.model}"`;
  const d = fitted.nFeatures;
  return {
    outputs(X, n) {
      rejectMissing(X, n, d, name, 'prediction');
      const raw = forward(layers, X, n);
      if (network.output !== 'sigmoid') return raw;
      const proba = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        proba[2 * i] = 1 - raw[i];
        proba[2 * i + 1] = raw[i];
      }
      return proba;
    },
    dispose() {
      // Plain arrays: nothing to free.
    },
  };
}

/**
 * Runs the layers on a row-major n × inputs matrix, one row at a time (the widest layer's values
 * are all a row needs), returning the last layer's outputs row-major.
 */
export function forward(layers: readonly DenseLayer[], X: Float32Array, n: number): Float32Array {
  const d = layers[0].inputs;
  const units = layers[layers.length - 1].units;
  const widest = Math.max(d, ...layers.map((l) => l.units));
  const out = new Float32Array(n * units);
  let from = new Float32Array(widest);
  let to = new Float32Array(widest);
  const sums = new Float64Array(widest);
  for (let i = 0; i < n; i++) {
    from.set(X.subarray(i * d, (i + 1) * d));
    for (const layer of layers) {
      dense(layer, from, to, sums);
      [from, to] = [to, from];
    }
    out.set(from.subarray(0, units), i * units);
  }
  return out;
}

/** One Dense layer on one row: `to[u] = activation(x · kernel[:, u] + bias[u])`, in float32 steps. */
function dense(layer: DenseLayer, x: Float32Array, to: Float32Array, sums: Float64Array): void {
  const { inputs, units, kernel, bias, activation } = layer;
  sums.fill(0, 0, units);
  // Input-major: each input's kernel row is contiguous, so the inner loop walks memory in order.
  for (let k = 0; k < inputs; k++) {
    const xk = x[k];
    if (xk === 0) continue;
    const row = k * units;
    for (let u = 0; u < units; u++) sums[u] += xk * kernel[row + u];
  }
  for (let u = 0; u < units; u++) {
    const z = bias ? fround(fround(sums[u]) + bias[u]) : fround(sums[u]);
    to[u] = activate(activation, z);
  }
  if (activation === 'softmax') softmaxInPlace(to, units);
}

/** An element-wise activation as TF.js's CPU kernels compute it (softmax is done over the row after). */
function activate(activation: Activation, z: number): number {
  switch (activation) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'tanh':
      return fround(Math.tanh(z));
    case 'sigmoid':
      return fround(1 / (1 + Math.exp(-z)));
    case 'elu':
      return z >= 0 ? z : fround(Math.exp(z) - 1);
    default:
      return z;
  }
}

/** TF.js's softmax: exp(z − max), each and their sum rounded to float32, then divided. */
function softmaxInPlace(z: Float32Array, units: number): void {
  let max = -Infinity;
  for (let u = 0; u < units; u++) if (z[u] > max) max = z[u];
  let sum = 0;
  for (let u = 0; u < units; u++) {
    z[u] = fround(Math.exp(fround(z[u] - max)));
    sum += z[u];
  }
  const total = fround(sum);
  for (let u = 0; u < units; u++) z[u] = fround(z[u] / total);
}

/**
 * The Dense layers of a serialized Sequential network with their weights, Dropout left out (it is
 * the identity at inference). The file's state check (networkState.ts) has vetted a loaded file;
 * this refuses, rather than mispredicts, anything else it is handed.
 */
export function denseLayers(network: SerializedNetwork, nFeatures: number): DenseLayer[] {
  const floats = weightFloats(network.weights);
  const offsets = new Map<string, { offset: number; size: number }>();
  let offset = 0;
  for (const spec of network.weightSpecs ?? []) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    offsets.set(spec.name, { offset, size });
    offset += size;
  }
  if (offset !== floats.length) throw bad(`the weights hold ${floats.length} values where the manifest lists ${offset}`);
  const weight = (name: string, size: number): Float32Array => {
    const at = offsets.get(name);
    if (!at || at.size !== size) throw bad(`the weight "${name}" of ${size} values is not in the manifest`);
    return floats.subarray(at.offset, at.offset + size);
  };
  const topology = network.topology as { config?: { layers?: unknown } } | null;
  const specs = topology?.config?.layers;
  if (!Array.isArray(specs)) throw bad('its topology lists no layers');
  const layers: DenseLayer[] = [];
  let width = nFeatures;
  for (const spec of specs as { class_name?: unknown; config?: Record<string, unknown> }[]) {
    if (spec?.class_name === 'Dropout') continue;
    const config = spec?.config ?? {};
    const activation = config.activation as Activation;
    const units = config.units as number;
    if (spec?.class_name !== 'Dense' || !ACTIVATIONS.includes(activation) || !Number.isInteger(units) || units < 1) {
      throw bad(`layer "${String(config.name)}" is not a Dense layer of a known activation`);
    }
    const useBias = config.use_bias !== false;
    layers.push({
      inputs: width,
      units,
      kernel: weight(`${String(config.name)}/kernel`, width * units),
      bias: useBias ? weight(`${String(config.name)}/bias`, units) : null,
      activation,
    });
    width = units;
  }
  if (!layers.length) throw bad('its topology holds no Dense layer');
  const expected = network.output === 'sigmoid' || network.output === 'linear' ? 1 : layers[layers.length - 1].units;
  if (layers[layers.length - 1].units !== expected || layers[layers.length - 1].activation !== network.output) {
    throw bad(`its last layer does not give the "${String(network.output)}" output the file names`);
  }
  return layers;
}

/** The base64 little-endian float32 weights as floats (copied: the bytes may not be 4-aligned). */
function weightFloats(base64: unknown): Float32Array {
  if (typeof base64 !== 'string') throw bad('holds no weights');
  const bytes = base64ToBytes(base64);
  if (bytes.length % 4 !== 0) throw bad(`its weights are ${bytes.length} bytes, not whole float32 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const floats = new Float32Array(bytes.length / 4);
  for (let i = 0; i < floats.length; i++) floats[i] = view.getFloat32(4 * i, true);
  return floats;
}

function bad(what: string): SaplingError {
  return new SaplingError('bad-model-file', `model.state.network: ${what}`);
}
