import * as tf from '@tensorflow/tfjs';
import { base64ToBytes, bytesToBase64 } from '../util/base64';
import type { SerializedNetwork } from './model';

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

/** Rebuilds the TF.js model of a serialized network: the reference the forward pass (networkForward.ts), which predicts, is tested against. */
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
