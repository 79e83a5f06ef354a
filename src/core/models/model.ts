import type { ParamSchema, ParamsOf, RawParams } from '../params';
import type { ModelTask } from '../problem';
import type { Rng } from '../util/rng';
import type { ModelInfo } from './info';
import type { SerializedNetwork } from './network';
import type { ForestChunk, ForestChunkResult } from './trees/forestChunk';
import type { TeamMemory } from './trees/histogramTeam';
import type { TrialHost } from '../tune/trialHost';
import type { UnsupervisedSummary } from './unsupervised/summary';

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

/**
 * Helper threads a training run may hand work to (the CLI's worker threads, the engine's helper
 * workers). Work given to them must not change the result, only how fast it comes.
 */
export interface TrainHost {
  readonly workers: number;
  growForestChunk(chunk: ForestChunk): Promise<ForestChunkResult>;
  /** Runs a boosting histogram helper on one thread until the team stops it. */
  serveHistograms?(memory: TeamMemory): Promise<void>;
  /** Threads that cross-validate tuning candidates side by side (`tune/trialRunner.ts`), where the host has them. */
  readonly trials?: TrialHost;
}

/** Hooks a training run gets from whoever runs it: randomness, progress, and cancellation. */
export interface TrainContext {
  readonly rng: Rng;
  /** Helper threads, where the host has them; models that can use them split their work. */
  readonly host?: TrainHost;
  readonly onEpoch?: (log: EpochLog) => void;
  /** Polled between batches; training throws CancelledError once it returns true. */
  readonly shouldStop?: () => boolean;
  /** Lets the host's event loop run (so a Cancel message can arrive); called between batches. */
  readonly yieldToEvents?: () => Promise<void>;
  /**
   * Receives the fitted model's outputs on the training rows, exactly as its predictor would give
   * them, from a model that has them at the end of fitting anyway (boosting keeps every row's
   * score): the caller can skip predicting the training rows again.
   */
  readonly onTrainingOutputs?: (outputs: Float32Array) => void;
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

/** A model family: its catalog entry, how to train it, and how to load what training produced. */
export interface ModelDefinition<S extends ParamSchema = ParamSchema> extends ModelInfo<S> {
  fit(train: TrainingSet, target: ModelTarget, params: ParamsOf<S>, ctx: TrainContext): Promise<FittedModel>;
  /** A predictor over fitted state (from `fit`, or from a model file). */
  load(fitted: FittedModel): Promise<Predictor>;
  /**
   * Unsupervised families: what the fit found on the training rows, for the report and its charts
   * (cluster sizes, silhouette, elbow; explained variance).
   */
  summarise?(fitted: FittedModel, train: TrainingSet, ctx: TrainContext): Promise<UnsupervisedSummary>;
}
