import type { MonitorReference } from '../monitor/types';
import type { FittedModel } from '../models/model';
import type { FittedPipeline, InputColumn } from '../prep/pipeline';
import type { Task, UnsupervisedTask } from '../problem';
import type { TrainConfig, UnsupervisedConfig } from '../train/config';
import type { TrainReport, UnsupervisedReport } from '../train/report';

/** The `format` tag of every Sapling model file. */
export const MODEL_FILE_FORMAT = 'sapling-model';
/** The model-file version this build writes (and the newest it reads). */
export const MODEL_FILE_VERSION = 5;
/** The Sapling version recorded in files this build writes. */
export const SAPLING_VERSION = '0.1.0';

/**
 * A Sapling model file: one self-contained JSON document with the format version, the input schema,
 * the recipe that made it, the fitted preprocessing pipeline, the model (its family's fitted state:
 * a TF.js layers topology with base64 float32 weights, or trees, …) and the training report. See
 * README "Model file".
 */
export interface ModelFile extends ModelFileBase {
  readonly problem: { readonly target: string; readonly task: Task; readonly classes: readonly string[] };
  /** The recipe (problem, preprocessing, model, seed) that produced this file. */
  readonly config: TrainConfig;
  readonly report: TrainReport;
  /**
   * Binary classifiers: the probability of the second class from which a row is predicted as that
   * class (chosen on the studio's threshold slider). Absent: the more probable class (0.5).
   */
  readonly decision?: { readonly threshold: number };
}

/** The parts every model file has, supervised or not. */
interface ModelFileBase {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly version: typeof MODEL_FILE_VERSION;
  readonly saplingVersion: string;
  readonly createdAt: string;
  /** Columns the model reads, with the kind each must be read as. */
  readonly inputSchema: readonly InputColumn[];
  readonly dataFingerprint: string;
  readonly pipeline: FittedPipeline;
  readonly model: FittedModel;
  /**
   * What monitoring compares new rows against (training columns' sketches, test predictions and
   * metrics; no rows). Written from model-file version 4 on; absent from older files, which are
   * monitored against a reference CSV.
   */
  readonly monitoring?: MonitorReference;
}

/**
 * A model file of a clustering or projection model: the same parts, with no target (`problem.target`
 * is null, `classes` empty), the config of a run without a target, and its report.
 */
export interface UnsupervisedModelFile extends ModelFileBase {
  readonly problem: { readonly target: null; readonly task: UnsupervisedTask; readonly classes: readonly [] };
  readonly config: UnsupervisedConfig;
  readonly report: UnsupervisedReport;
}

/** Any Sapling model file. */
export type AnyModelFile = ModelFile | UnsupervisedModelFile;

/** True for the files of clustering and projection models. */
export function isUnsupervisedFile(file: AnyModelFile): file is UnsupervisedModelFile {
  return file.problem.target === null;
}
