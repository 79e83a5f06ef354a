import type { RawParams } from '../params';
import type { ProblemSpec, UnsupervisedTask } from '../problem';
import type { ReadSettings } from '../ingest/readOptions';
import type { RecipeSpec } from '../prep/recipeSpec';

/**
 * Everything that decides a training run besides the data: the problem, the preprocessing recipe,
 * the model and its parameters, and the seed. The same config on the same data gives the same model.
 */
export interface TrainConfig {
  readonly problem: ProblemSpec;
  readonly recipe: RecipeSpec;
  readonly model: { readonly id: string; readonly params: RawParams };
  readonly seed: number;
  /** How the data file was read (delimiter, column types, sample…), when not all detected. */
  readonly read?: ReadSettings;
  /** Cross-validate on the training rows before the final fit (metrics.cv in the report). */
  readonly validation?: ValidationSpec;
}

/** The seed used when none is given. */
export const DEFAULT_SEED = 42;

/** The config of a run without a target (clustering, projection): no problem, no split. */
export interface UnsupervisedConfig {
  readonly task: UnsupervisedTask;
  readonly recipe: RecipeSpec;
  readonly model: { readonly id: string; readonly params: RawParams };
  readonly seed: number;
  readonly read?: ReadSettings;
}

/** How a run cross-validates: k folds (or repeated holdout), grouped by a column when one is named. */
export interface ValidationSpec {
  /** k-fold: the number of folds; repeated holdout: the number of random splits. */
  readonly folds: number;
  /**
   * 'k-fold' (the default): folds that partition the rows, each row scored once. 'holdout':
   * `folds` independent random splits at the recipe's test size (repeated holdout), for when a
   * fold would be too small or a person wants the test share they chose.
   */
  readonly method?: 'k-fold' | 'holdout';
  /** Rows sharing a value of this column stay in one fold (patients, households, sessions). */
  readonly group?: string;
}
