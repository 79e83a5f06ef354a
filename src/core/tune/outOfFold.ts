import { loadModel, predictTable } from '../artifact/predict';
import { computeMetrics } from '../evaluate/evaluate';
import { classTarget, isClassification, regressionTarget } from '../problem';
import { type DataTable, getColumn, selectRows } from '../table/DataTable';
import { CancelledError, SaplingError } from '../util/errors';
import type { TrainConfig } from '../train/config';
import { cvFolds, meanAndStd } from '../train/crossValidate';
import type { CvMetrics } from '../train/report';
import { type RunContext, nestedContext, runTraining } from '../train/runTraining';

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
  const { splits } = cvFolds(table, config, { folds });
  const inner: TrainConfig = { ...config, validation: undefined };
  const foldContext: RunContext = { ...nestedContext(ctx), now: ctx.now };
  const classes = isClassification(config.problem.task) ? classTarget(getColumn(table, config.problem.target)).classes : [];
  const outputs: Float32Array[] = [];
  for (const split of splits) {
    if (ctx.shouldStop?.()) throw new CancelledError();
    const test = selectRows(table, split.test);
    const { file } = await runTraining(selectRows(table, split.train), inner, foldContext, test);
    // A fold's classes are those of all its rows (training and held out): the whole table's.
    if (file.problem.classes.join('\u0000') !== classes.join('\u0000')) throw new SaplingError('auto-failed', 'a fold saw other classes than the training rows hold');
    const loaded = await loadModel(file);
    try {
      const p = predictTable(loaded, test);
      outputs.push((p.proba ?? p.values) as Float32Array);
    } finally {
      loaded.dispose();
    }
  }
  return outputs;
}

/** Every metric's mean, spread and per-fold values for outputs on the folds, as `crossValidate` reports them. */
export function foldMetrics(task: TrainConfig['problem']['task'], folds: FoldTargets, outputs: readonly Float32Array[]): CvMetrics {
  const scores = outputs.map((out, f) => computeMetrics(task, folds.y[f], out, folds.classes.length));
  const metrics: Record<string, { mean: number; std: number; folds: number[] }> = {};
  for (const key of Object.keys(scores[0])) {
    const values = scores.map((s) => s[key]);
    metrics[key] = { ...meanAndStd(values), folds: values };
  }
  return metrics;
}
