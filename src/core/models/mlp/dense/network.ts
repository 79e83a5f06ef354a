import * as tf from '@tensorflow/tfjs';
import type { SerializedNetwork } from '../../model';
import { serializeNetwork } from '../../network';
import { checkWeights } from './init';
import type { DenseSpec, DenseWeights } from './types';

/**
 * The TF.js model of a dense network with the given weights, laid out as the MLP's (hidden_1…,
 * dropout_1… when the spec drops out, output), so its saved file is the format Sapling has always
 * written. `seed` fills the initialisers' seeds in the topology, as buildMlp does.
 */
export function denseLayersModel(spec: DenseSpec, weights: DenseWeights, output: SerializedNetwork['output'], seed = spec.seed): tf.LayersModel {
  checkWeights(spec, weights);
  const model = tf.sequential({ name: 'sapling' });
  spec.hidden.forEach((h, l) => {
    model.add(
      tf.layers.dense({
        units: h.units,
        activation: h.activation,
        inputShape: l === 0 ? [spec.inputs] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + l }),
        name: `hidden_${l + 1}`,
      }),
    );
    if (spec.dropout > 0) model.add(tf.layers.dropout({ rate: spec.dropout, seed: seed + 100 + l, name: `dropout_${l + 1}` }));
  });
  model.add(tf.layers.dense({ units: spec.outputs, activation: output, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1000 }), name: 'output' }));
  const shapes = model.getWeights().map((w) => w.shape);
  tf.tidy(() => model.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i]))));
  return model;
}

/** A dense network's weights as the model file's SerializedNetwork (TF.js topology and weights). */
export async function denseToSerializedNetwork(spec: DenseSpec, weights: DenseWeights, output: SerializedNetwork['output'], seed = spec.seed): Promise<SerializedNetwork> {
  const model = denseLayersModel(spec, weights, output, seed);
  try {
    return await serializeNetwork(model, output);
  } finally {
    model.dispose();
  }
}
