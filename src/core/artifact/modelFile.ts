import type { FittedModel } from '../models/model';
import type { FittedPipeline, InputColumn } from '../prep/recipe';
import type { Task } from '../problem';
import type { TrainConfig } from '../train/config';
import type { TrainReport } from '../train/report';

/** The `format` tag of every Sapling model file. */
export const MODEL_FILE_FORMAT = 'sapling-model';
/** The model-file version this build writes (and the newest it reads). */
export const MODEL_FILE_VERSION = 2;
/** The Sapling version recorded in files this build writes. */
export const SAPLING_VERSION = '0.1.0';

/**
 * A Sapling model file: one self-contained JSON document with the format version, the input schema,
 * the recipe that made it, the fitted preprocessing pipeline, the model (its family's fitted state:
 * a TF.js layers topology with base64 float32 weights, or trees, …) and the training report. See
 * README "Model file".
 */
export interface ModelFile {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly version: typeof MODEL_FILE_VERSION;
  readonly saplingVersion: string;
  readonly createdAt: string;
  readonly problem: { readonly target: string; readonly task: Task; readonly classes: readonly string[] };
  /** Columns the model reads, with the kind each must be read as. */
  readonly inputSchema: readonly InputColumn[];
  /** The recipe (problem, preprocessing, model, seed) that produced this file. */
  readonly config: TrainConfig;
  readonly dataFingerprint: string;
  readonly pipeline: FittedPipeline;
  readonly model: FittedModel;
  readonly report: TrainReport;
}
