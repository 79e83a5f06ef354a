import type { RawParams } from '../params';

/*
 * The recipe as a person writes it (plain data, kept in a training config and the model file). A
 * leaf: the config names it without importing the steps' fitting code that recipe.ts runs.
 */

/** One preprocessing step of a recipe: the step's id and its parameters (defaults fill the rest). */
export interface StepSpec {
  readonly step: string;
  readonly params?: RawParams;
}

/**
 * The preprocessing recipe: row cleaning (before the split), the split, and the feature steps that
 * are fitted on the training split and replayed at prediction time.
 */
export interface RecipeSpec {
  readonly dropDuplicateRows: boolean;
  /** Rows without a target cannot be learned from; they are always dropped before training. */
  readonly testSize: number;
  readonly stratify: boolean;
  readonly steps: readonly StepSpec[];
}
