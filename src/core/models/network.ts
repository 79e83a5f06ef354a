import * as tf from '@tensorflow/tfjs';
import { base64ToBytes, bytesToBase64 } from '../util/base64';
import { SaplingError, errorMessage } from '../util/errors';
import { rejectMissing } from './missing';
import type { FittedModel, NetworkState, Predictor, SerializedNetwork } from './model';

/** Captures a model's topology and weights. */
export async function serializeNetwork(model: tf.LayersModel, output: SerializedNetwork['output']): Promise<SerializedNetwork> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!captured?.weightData || !captured.weightSpecs) throw new Error('internal error: TF.js save produced no weights');
  const data = captured.weightData;
  const buffer = Array.isArray(data) ? concatBuffers(data) : data;
  return {
    topology: captured.modelTopology,
    weightSpecs: captured.weightSpecs,
    weights: bytesToBase64(new Uint8Array(buffer)),
    output,
  };
}

function concatBuffers(buffers: ArrayBuffer[]): ArrayBuffer {
  const total = buffers.reduce((a, b) => a + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

/** The weights of a serialized network as one ArrayBuffer (the `weights.bin` of a TF.js pair). */
export function networkWeightBytes(network: SerializedNetwork): Uint8Array {
  return base64ToBytes(network.weights);
}

/** Rebuilds the TF.js model of a serialized network. */
export async function loadNetwork(network: SerializedNetwork): Promise<tf.LayersModel> {
  const bytes = networkWeightBytes(network);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: network.topology as tf.io.ModelArtifacts['modelTopology'],
      weightSpecs: [...network.weightSpecs],
      weightData,
    }),
  );
}

/** Rows per forward pass at prediction time: bounds tensor memory on large inputs. */
const PREDICT_BATCH = 8192;

/** Runs a model on a row-major matrix, in batches, returning its raw outputs. */
export function runNetwork(model: tf.LayersModel, X: Float32Array, n: number, d: number): Float32Array {
  const units = (model.outputs[0].shape[1] as number) ?? 1;
  const out = new Float32Array(n * units);
  for (let start = 0; start < n; start += PREDICT_BATCH) {
    const rows = Math.min(PREDICT_BATCH, n - start);
    const result = tf.tidy(() => {
      const x = tf.tensor2d(X.subarray(start * d, (start + rows) * d), [rows, d]);
      return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
    out.set(result, start * units);
  }
  return out;
}

/** Loads the predictor of a network-based model (its state is `{ network }`). */
export function loadNetworkModel(fitted: FittedModel): Promise<Predictor> {
  return loadNetworkPredictor((fitted.state as NetworkState).network, fitted.nFeatures, `Model "${fitted.model}"`);
}

/**
 * A predictor over a serialized network; sigmoid outputs become two probability columns. A NaN
 * input is a `missing-values` error naming `name`, not a NaN prediction.
 */
export async function loadNetworkPredictor(network: SerializedNetwork, nFeatures: number, name = 'The model'): Promise<Predictor> {
  let model: tf.LayersModel;
  try {
    model = await loadNetwork(network);
  } catch (e) {
    // The state check (networkState.ts) has passed, so this is a topology detail TF.js refuses.
    throw new SaplingError('bad-model-file', `model.state.network: TF.js cannot load it (${errorMessage(e)})`);
  }
  return {
    outputs(X, n) {
      rejectMissing(X, n, nFeatures, name, 'prediction');
      const raw = runNetwork(model, X, n, nFeatures);
      if (network.output !== 'sigmoid') return raw;
      const proba = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        proba[2 * i] = 1 - raw[i];
        proba[2 * i + 1] = raw[i];
      }
      return proba;
    },
    dispose: () => model.dispose(),
  };
}

/**
 * A single dense layer (the linear models) with the given weights: `kernel` is row-major d×units.
 */
export function denseNetwork(kernel: Float32Array, bias: Float32Array, d: number, units: number, activation: 'sigmoid' | 'softmax' | 'linear'): tf.LayersModel {
  // A fixed name keeps the saved topology identical across fits (TF.js numbers unnamed models).
  const model = tf.sequential({ name: 'sapling' });
  model.add(tf.layers.dense({ units, activation, inputShape: [d], name: 'dense' }));
  tf.tidy(() => model.layers[0].setWeights([tf.tensor2d(kernel, [d, units]), tf.tensor1d(bias)]));
  return model;
}
