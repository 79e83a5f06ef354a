import type { RawParams } from '../params';
import type { ColumnKind } from '../table/column';

// The fitted pipeline as plain data (what a model file's `pipeline` holds): a leaf, importing nothing of fitting.

/** A column the fitted pipeline needs at prediction time, with the kind it must be read as. */
export interface InputColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** A model input feature and the original columns it comes from (`island=Dream` ← island; `age×fare` ← age, fare). */
export interface FeatureInfo {
  readonly name: string;
  /** The one original column it comes from, or, made from several, the feature's own name (a group of its own). */
  readonly source: string;
  /** Every original column it comes from (its lineage; model files before version 5 get `[source]` on upgrade). */
  readonly sources: readonly string[];
}

/** A step with its resolved parameters and the state it learned. */
export interface FittedStep {
  readonly step: string;
  readonly params: RawParams;
  readonly state: unknown;
}

/** A fitted feature pipeline: plain data that turns raw columns into the model's input matrix. */
export interface FittedPipeline {
  readonly inputs: readonly InputColumn[];
  readonly steps: readonly FittedStep[];
  readonly features: readonly FeatureInfo[];
}
