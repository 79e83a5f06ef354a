import type { ModelTask } from '../problem';

/**
 * What a family's state check knows of the fitted model around the state, all of it already checked
 * (`artifact/checkModel.ts`): where the state sits in the file, the features, the task and classes.
 */
export interface StateCheckContext {
  /** The state's path in the file, e.g. `model.state` or `model.state.members[1].state`. */
  readonly path: string;
  readonly nFeatures: number;
  readonly task: ModelTask;
  /** The class count (at least 2 for classifiers, 0 otherwise). */
  readonly classes: number;
  /** The class labels, in index order (empty for regression and unsupervised tasks). */
  readonly classNames: readonly string[];
  /** The fitted model's parameters, an object (each value already checked against the family's schema; families check that the ones their `load` reads are present). */
  readonly params: Readonly<Record<string, unknown>>;
  /** The parameters' path in the file, e.g. `model.params`. */
  readonly paramsPath: string;
  /** Checks a whole fitted model nested in this one (an ensemble's members), with the same rules. */
  checkModel(model: unknown, path: string): void;
}

/**
 * A family's check of its fitted state, run on every model file before `load` walks or allocates
 * anything: lengths agree, indices are in range, numbers are finite, trees are trees. It throws a
 * `bad-model-file` SaplingError naming the place, and lives in a module that imports no training
 * code and no TF.js, so it runs before a lazy family's implementation is loaded.
 */
export type StateCheck = (state: unknown, ctx: StateCheckContext) => void;

/** The number of outputs per row of a supervised model: class probabilities or one value. */
export function outputCount(ctx: StateCheckContext): number {
  return ctx.task === 'regression' ? 1 : ctx.classes;
}
