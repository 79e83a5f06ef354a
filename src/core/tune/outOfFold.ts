import { predictTable, usingModel } from '../artifact/predict';
import { computeMetrics } from '../evaluate/evaluate';
import { classTarget, isClassification, regressionTarget } from '../problem';
import { type DataTable, getColumn } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import type { TrainConfig } from '../train/config';
import { aggregateFolds, crossValidate, cvFolds } from '../train/crossValidate';
import type { CvMetrics } from '../train/report';
import type { RunContext } from '../train/singleRun';

/** The k folds of a table as every cross-validation of a config draws them, with each fold's targets. */
export interface FoldTargets {
  /** Each fold's held-out rows (indices into the table). */
  readonly tests: readonly Int32Array[];
  /** Each fold's targets: class indices (in `classes` order) or values. */
  readonly y: readonly (Int32Array | Float64Array)[];
  readonly classes: readonly string[];
}

/** The folds `crossValidate(table, config, { folds })` uses, and their rows' targets. */
export function foldTargets(table: DataTable, config: TrainConfig, folds: number): FoldTargets {
  const { splits } = cvFolds(table, config, { folds });
  const column = getColumn(table, config.problem.target);
  const encoded = isClassification(config.problem.task) ? classTarget(column) : null;
  const values = encoded ? null : regressionTarget(column);
  const y = splits.map((s) => (encoded ? Int32Array.from(s.test, (r) => encoded.y[r]) : Float64Array.from(s.test, (r) => values![r])));
  return { tests: splits.map((s) => s.test), y, classes: encoded?.classes ?? [] };
}

/**
 * Each fold's model's outputs on its held-out rows (probabilities, or values), from exactly the runs
 * `crossValidate` makes (the recipe and the model fitted on the other folds): the material to score
 * averages of several models on the same folds without training them together.
 */
export async function outOfFoldOutputs(table: DataTable, config: TrainConfig, folds: number, ctx: RunContext = {}): Promise<Float32Array[]> {
  const classes = isClassification(config.problem.task) ? classTarget(getColumn(table, config.problem.target)).classes : [];
  const outputs: Float32Array[] = [];
  await crossValidate(table, config, { folds }, {
    ...ctx,
    onFoldModel: async (file, heldOut) => {
      // A fold's classes are those of all its rows (training and held out): the whole table's.
      if (file.problem.classes.join('\u0000') !== classes.join('\u0000')) throw new SaplingError('auto-failed', 'a fold saw other classes than the training rows hold');
      outputs.push(await usingModel(file, (model) => {
        const p = predictTable(model, heldOut);
        return (p.proba ?? p.values) as Float32Array;
      }));
    },
  });
  return outputs;
}

/** Every metric's mean, spread and per-fold values for outputs on the folds, as `crossValidate` reports them. */
export function foldMetrics(task: TrainConfig['problem']['task'], folds: FoldTargets, outputs: readonly Float32Array[]): CvMetrics {
  return aggregateFolds(outputs.map((out, f) => computeMetrics(task, folds.y[f], out, folds.classes.length)));
}
