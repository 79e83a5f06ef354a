import type { ParamSchema, ParamsOf } from '../params';
import type { TrialHost } from '../tune/trialProtocol';
import type { Rng } from '../util/rng';
import type { EpochLog, FittedModel, ModelTarget, Predictor, TrainingSet } from './model';
import type { DenseTeamMemory } from './mlp/dense/team';
import type { DenseEpochTrainer, DenseSpec } from './mlp/dense/types';
import type { ModelInfo } from './modelInfo';
import type { ForestChunk, ForestChunkResult } from './trees/forestChunk';
import type { TeamMemory } from './trees/histogramTeam';
import type { UnsupervisedSummary } from './unsupervised/summary';

/*
 * How a model family trains: the contract every `*.model.ts` implements and the hooks a run hands
 * it. Kept apart from the plain-data types (model.ts) because the hooks name training internals
 * (the forest's chunks, boosting's histogram team, the tuner's threads).
 */

/**
 * Helper threads a training run may hand work to (the CLI's worker threads, the engine's helper
 * workers). Work given to them must not change the result, only how fast it comes.
 */
export interface TrainHost {
  readonly workers: number;
  growForestChunk(chunk: ForestChunk): Promise<ForestChunkResult>;
  /** Runs a boosting histogram helper on one thread until the team stops it. */
  serveHistograms?(memory: TeamMemory): Promise<void>;
  /** Runs a dense trainer's helper (mlp/dense/team.ts) on one thread until the trainer stops it. */
  serveDense?(memory: DenseTeamMemory): Promise<void>;
  /** Whether the dense trainer splits its batches with a serveDense helper: as measured (the default), always, or never. */
  readonly denseSplit?: 'measured' | 'always' | 'never';
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
  /**
   * Which trainer fits networks: 'dense' (Sapling's own, models/mlp/dense: WebAssembly, else TS) or
   * 'tfjs' (TF.js on its active backend). Unset: 'dense' when TF.js runs on the CPU (wasm or cpu
   * backend), 'tfjs' on a GPU backend.
   */
  readonly networkTrainer?: 'dense' | 'tfjs';
  /**
   * The fused WebGPU trainer (models/mlp/dense/webgpu.ts) on a real GPU: the studio's worker sets it
   * when its backend probe chose a hardware WebGPU adapter, never a software one. Networks then train
   * on it unless networkTrainer is 'tfjs'; it resolves null when the GPU turns out to be gone.
   */
  readonly gpuDenseTrainer?: (spec: DenseSpec) => Promise<DenseEpochTrainer | null>;
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
