import * as tf from '@tensorflow/tfjs';
import type { ParamsOf } from '../../params';
import { isClassification } from '../../problem';
import type { EpochLog, FittedModel, ModelTarget } from '../model';
import type { ModelDefinition } from '../definition';
import { mlpInfo } from './info';
import { rejectMissing } from '../missing';
import { serializeNetwork } from '../network';
import { networkPredictor } from '../networkForward';
import type { mlpSchema } from './schema';
import { createDenseTrainer } from './dense';
import { trainDense } from './denseLoop';
import { trainDenseOnGpu } from './denseGpuLoop';
import type { DenseSpec, DenseWeights } from './dense/types';
import { trainNetwork } from './trainLoop';

/** TF.js backends that run on the CPU: there Sapling's own dense trainer fits the network. */
const CPU_BACKENDS = ['wasm', 'cpu'];

type MlpParams = ParamsOf<typeof mlpSchema>;

/**
 * A multilayer perceptron: dense hidden layers, Adam, optional dropout and L2, early stopping on a
 * held-out validation fraction with the best weights restored. On the CPU it trains with Sapling's
 * fused dense trainer (mlp/dense), on a GPU backend with TF.js; either way it saves the same TF.js
 * network. NaN features are refused at fit and at predict.
 */
export const mlpModel: ModelDefinition<typeof mlpSchema> = {
  ...mlpInfo,
  load: async (fitted) => networkPredictor(fitted),
  async fit(train, target, params, ctx) {
    rejectMissing(train.X, train.n, train.d, mlpInfo.label, 'training');
    const head = outputHead(target);
    const seed = ctx.rng.uint32();
    // Regression targets are standardised for training and the scale is folded back into the last
    // layer afterwards, so the saved network predicts in the target's own units.
    const yScale = isClassification(target.task) ? { mean: 0, std: 1 } : meanStd(train.y);
    const y = isClassification(target.task) ? train.y : train.y.map((v) => (v - yScale.mean) / yScale.std);
    const fitted = (network: FittedModel['state'], result: { history: EpochLog[]; stopReason: string }): FittedModel => ({
      model: 'mlp',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: train.d,
      state: network,
      history: result.history,
      stopReason: result.stopReason,
    });
    // A real GPU's fused trainer, where the worker found one (it never offers a software adapter).
    const gpu = ctx.gpuDenseTrainer && ctx.networkTrainer !== 'tfjs' ? await ctx.gpuDenseTrainer(mlpSpec(train.d, head, params, seed)) : null;
    if (gpu || (ctx.networkTrainer ?? (CPU_BACKENDS.includes(tf.getBackend()) ? 'dense' : 'tfjs')) === 'dense') {
      const spec = mlpSpec(train.d, head, params, seed);
      const result = gpu ? await trainDenseOnGpu(gpu, spec, { ...train, y }, head.loss, params, ctx) : await trainDense(spec, { ...train, y }, head.loss, params, ctx);
      const weights = isClassification(target.task) ? result.weights : scaledOutput(result.weights, yScale);
      if (ctx.onTrainingOutputs) ctx.onTrainingOutputs(trainingOutputs(spec, weights, train, head.activation));
      const final = buildMlp(train.d, head.units, params, head.activation, seed);
      try {
        const shapes = final.getWeights().map((w) => w.shape);
        tf.tidy(() => final.setWeights(weights.map((w, i) => tf.tensor(w, shapes[i]))));
        return fitted({ network: await serializeNetwork(final, head.activation) }, result);
      } finally {
        final.dispose();
      }
    }
    const net = buildMlp(train.d, head.units, params, 'linear', seed);
    try {
      const result = await trainNetwork(net, { ...train, y }, head.loss, head.units, params, ctx);
      const final = buildMlp(train.d, head.units, params, head.activation, seed);
      try {
        // getWeights returns the live variables: only tensors made here are disposed.
        const trained = net.getWeights();
        const scaled = isClassification(target.task) ? [] : scaledOutputLayer(trained, yScale);
        final.setWeights([...trained.slice(0, trained.length - scaled.length), ...scaled]);
        tf.dispose(scaled);
        return fitted({ network: await serializeNetwork(final, head.activation) }, result);
      } finally {
        final.dispose();
      }
    } finally {
      net.dispose();
    }
  },
};

/** Output layer size, activation and training loss for a task. */
function outputHead(target: ModelTarget): { units: number; activation: 'sigmoid' | 'softmax' | 'linear'; loss: 'binary' | 'softmax' | 'mse' } {
  if (target.task === 'regression') return { units: 1, activation: 'linear', loss: 'mse' };
  if (target.classes.length === 2) return { units: 1, activation: 'sigmoid', loss: 'binary' };
  return { units: target.classes.length, activation: 'softmax', loss: 'softmax' };
}

/** The network; the training copy has a linear output so the loss works on logits (stable). */
export function buildMlp(d: number, outUnits: number, params: MlpParams, outActivation: 'sigmoid' | 'softmax' | 'linear', seed: number): tf.LayersModel {
  // A fixed name keeps the saved topology identical across fits (TF.js numbers unnamed models).
  const model = tf.sequential({ name: 'sapling' });
  for (let l = 0; l < params.layers; l++) {
    model.add(
      tf.layers.dense({
        units: params.units,
        activation: params.activation,
        inputShape: l === 0 ? [d] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + l }),
        name: `hidden_${l + 1}`,
      }),
    );
    if (params.dropout > 0) model.add(tf.layers.dropout({ rate: params.dropout, seed: seed + 100 + l, name: `dropout_${l + 1}` }));
  }
  model.add(
    tf.layers.dense({
      units: outUnits,
      activation: outActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1000 }),
      name: 'output',
    }),
  );
  return model;
}

function meanStd(y: Float32Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of y) mean += v;
  mean /= y.length || 1;
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const std = Math.sqrt(ss / (y.length || 1));
  return { mean, std: std > 0 ? std : 1 };
}

/** The output layer's kernel and bias rewritten so the network predicts `mean + std · output`. */
function scaledOutputLayer(weights: tf.Tensor[], scale: { mean: number; std: number }): tf.Tensor[] {
  const kernel = weights[weights.length - 2];
  const bias = weights[weights.length - 1];
  return [tf.mul(kernel, scale.std), tf.add(tf.mul(bias, scale.std), scale.mean)];
}

/** The dense trainer's spec of an MLP (Adam at the schema's rate; the output layer linear: logits). */
function mlpSpec(d: number, head: ReturnType<typeof outputHead>, params: MlpParams, seed: number): DenseSpec {
  return {
    inputs: d,
    hidden: Array.from({ length: params.layers }, () => ({ units: params.units, activation: params.activation })),
    outputs: head.units,
    loss: head.loss,
    dropout: params.dropout,
    l2: params.l2,
    optimizer: { kind: 'adam', learningRate: params.learningRate },
    seed,
  };
}

/** scaledOutputLayer on plain weights: the output kernel × std, its bias × std + mean. */
function scaledOutput(weights: DenseWeights, scale: { mean: number; std: number }): Float32Array[] {
  const out = weights.map((w) => w.slice());
  const kernel = out[out.length - 2];
  const bias = out[out.length - 1];
  for (let i = 0; i < kernel.length; i++) kernel[i] *= scale.std;
  for (let i = 0; i < bias.length; i++) bias[i] = bias[i] * scale.std + scale.mean;
  return out;
}

/**
 * The trained network's outputs on the training rows, shaped as networkPredictor gives them (a
 * sigmoid's two probability columns, softmax's k, a value), from the dense trainer's forward pass:
 * the caller skips predicting the training rows again in plain JavaScript (a fifth of the
 * 200,000-row benchmark's process). Float32 sums, so they differ from the predictor's in the last bits.
 */
function trainingOutputs(spec: DenseSpec, weights: DenseWeights, train: { X: Float32Array; n: number }, activation: 'sigmoid' | 'softmax' | 'linear'): Float32Array {
  const trainer = createDenseTrainer(spec);
  try {
    trainer.setWeights(weights);
    const z = trainer.forward(train.X, train.n);
    if (activation === 'linear') return z;
    if (activation === 'sigmoid') {
      const out = new Float32Array(2 * train.n);
      for (let i = 0; i < train.n; i++) {
        const p = 1 / (1 + Math.exp(-z[i]));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    const k = spec.outputs;
    for (let i = 0; i < train.n; i++) {
      let max = -Infinity;
      for (let j = 0; j < k; j++) max = Math.max(max, z[i * k + j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(z[i * k + j] - max);
      for (let j = 0; j < k; j++) z[i * k + j] = Math.exp(z[i * k + j] - max) / sum;
    }
    return z;
  } finally {
    trainer.dispose();
  }
}
