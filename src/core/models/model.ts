import type { RawParams } from '../params';
import type { ModelTask } from '../problem';

/*
 * The fitted model's contract as plain data: what training takes and gives, and what a loaded
 * model answers. A leaf: it imports nothing of the training side (no TF.js, no tree internals, no
 * tuner), so the model file, the runtime and the report can name these types without pulling
 * training in. How a family fits (ModelDefinition, TrainContext, TrainHost) is in definition.ts.
 */

/** A model's training data: row-major float32 features and one target value per row. */
export interface TrainingSet {
  readonly X: Float32Array;
  readonly n: number;
  readonly d: number;
  /** Class index (classification) or target value (regression), per row; empty for unsupervised tasks. */
  readonly y: Float32Array;
  /**
   * The input column each feature comes from (the one-hot indicators of a column share it), when the
   * caller knows: naive Bayes reads one-hot groups as categorical features.
   */
  readonly sources?: readonly string[];
}

/** What a model is asked to learn: the task, and for classifiers the class labels in index order. */
export interface ModelTarget {
  readonly task: ModelTask;
  readonly classes: readonly string[];
}

/** One epoch (or optimiser iteration) of training, as streamed to the live chart. */
export interface EpochLog {
  readonly epoch: number;
  readonly epochs: number;
  readonly loss: number;
  readonly valLoss?: number;
  /** Validation accuracy (classification) or R² (regression), when a validation set is held out. */
  readonly valMetric?: number;
}

/** A trained model as plain data: what it is, what it learned, and how training went. */
export interface FittedModel<State = unknown> {
  readonly model: string;
  readonly params: RawParams;
  readonly task: ModelTask;
  readonly classes: readonly string[];
  readonly nFeatures: number;
  /** What the model learned, in the family's own plain-data form (a TF.js network, trees, …). */
  readonly state: State;
  readonly history: readonly EpochLog[];
  /** Why training stopped: converged, early stopping, the epoch budget. */
  readonly stopReason: string;
  /** How much each input feature matters to the model (in feature order), where the family has a measure. */
  readonly importance?: readonly number[];
}

/** The state of the models that are TF.js networks (linear, logistic, MLP). */
export interface NetworkState {
  readonly network: SerializedNetwork;
}

/**
 * A TF.js layers model as plain data: the Keras-style topology JSON, the weight manifest entries
 * and the weights as base64 of little-endian float32 bytes. `network.ts` writes it from TF.js and
 * loads it back (`tf.io.fromMemory`); the types are TF.js's own shapes, written out here so that
 * naming a network's state needs no TF.js.
 */
export interface SerializedNetwork {
  readonly topology: unknown;
  readonly weightSpecs: readonly NetworkWeightSpec[];
  readonly weights: string;
  /** What the network's output means: class probabilities by sigmoid (one unit), softmax, or a value. */
  readonly output: 'sigmoid' | 'softmax' | 'linear';
}

/** One entry of a network's weight manifest (TF.js's `WeightsManifestEntry`, as Sapling writes it). */
export interface NetworkWeightSpec {
  readonly name: string;
  /** Mutable as TF.js declares it, so a manifest passes back to `tf.io.fromMemory` as it is. */
  shape: number[];
  readonly dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
}

/** A loaded model, ready to predict. */
export interface Predictor {
  /**
   * Probabilities (row-major, one column per class, binary included) for classifiers; predicted
   * values for regressors; a cluster index per row (−1 = noise) for clustering; the coordinates on
   * the kept components (row-major) for projections.
   */
  outputs(X: Float32Array, n: number): Float32Array;
  dispose(): void;
}

