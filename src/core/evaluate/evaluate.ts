import { isClassification, type Task } from '../problem';
import {
  type ClassScores,
  type RocCurve,
  accuracy,
  argmaxRows,
  confusionMatrix,
  logLoss,
  macroAverage,
  perClassScores,
  probaColumn,
  rocAuc,
  rocAucFromProba,
  rocCurve,
} from './classification';
import { keyed } from '../util/keyed';
import { meanAbsoluteError, r2Score, rootMeanSquaredError } from './regression';
import { type CalibrationBin, type ThresholdRow, calibrationBins, precisionRecallCurve, thresholdTable } from './threshold';

/** Metric values by their report keys (`accuracy`, `f1_macro`, `rmse`, …). */
export type Metrics = Readonly<Record<string, number>>;

/** Report keys of the metrics for each task family, in display order. */
export const CLASSIFICATION_METRICS = ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'roc_auc', 'log_loss'] as const;
export const REGRESSION_METRICS = ['mae', 'rmse', 'r2'] as const;

/** Human names for metric keys (without a prototype: keys read from files find no `constructor`). */
export const METRIC_LABELS: Readonly<Record<string, string>> = keyed(Object.entries({
  accuracy: 'Accuracy',
  precision_macro: 'Precision (macro)',
  recall_macro: 'Recall (macro)',
  f1_macro: 'F1 (macro)',
  roc_auc: 'ROC AUC',
  log_loss: 'Log loss',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
}));

/** Metrics where lower is better (the rest are higher-is-better). */
export const LOWER_IS_BETTER = new Set(['log_loss', 'mae', 'rmse']);

/** Chart material for a classifier on one set: confusion matrix, per-class scores, ROC curves. */
export interface ClassificationDetails {
  readonly kind: 'classification';
  readonly classes: readonly string[];
  readonly confusion: number[][];
  readonly perClass: (ClassScores & { label: string })[];
  /** One curve for binary (positive class), one per class (one-vs-rest) for multiclass. */
  readonly roc: { label: string; auc: number; curve: RocCurve }[];
  /** Binary only: the positive class's threshold table, precision–recall curve and calibration. */
  readonly binary?: {
    readonly thresholds: ThresholdRow[];
    readonly pr: { readonly recall: number[]; readonly precision: number[]; readonly averagePrecision: number };
    readonly calibration: CalibrationBin[];
  };
}

/** Chart material for a regressor on one set: actual/predicted pairs (sampled) for scatter plots. */
export interface RegressionDetails {
  readonly kind: 'regression';
  readonly actual: number[];
  readonly predicted: number[];
}

export type EvaluationDetails = ClassificationDetails | RegressionDetails;

/** Points kept per chart series, so a million-row test set still makes a small report. */
const MAX_CHART_POINTS = 2000;

/** Metrics of class probabilities (row-major, `classes.length` columns) against true class indices. */
export function classificationMetrics(yTrue: Int32Array, proba: Float32Array, k: number): Metrics {
  const yPred = argmaxRows(proba, k);
  const confusion = confusionMatrix(yTrue, yPred, k);
  const scores = perClassScores(confusion);
  return {
    accuracy: accuracy(yTrue, yPred),
    precision_macro: macroAverage(scores, confusion, 'precision'),
    recall_macro: macroAverage(scores, confusion, 'recall'),
    f1_macro: macroAverage(scores, confusion, 'f1'),
    roc_auc: rocAucFromProba(yTrue, proba, k),
    log_loss: logLoss(yTrue, proba, k),
  };
}

/** Metrics of predicted numbers against the truth. */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Metrics {
  return { mae: meanAbsoluteError(yTrue, yPred), rmse: rootMeanSquaredError(yTrue, yPred), r2: r2Score(yTrue, yPred) };
}

/** Metrics for either task: `outputs` are probabilities (classification) or predictions (regression). */
export function computeMetrics(task: Task, y: Float64Array | Int32Array, outputs: Float32Array, k: number): Metrics {
  return isClassification(task) ? classificationMetrics(y as Int32Array, outputs, k) : regressionMetrics(y, outputs);
}

/** Chart material for the test set. */
export function evaluationDetails(task: Task, y: Float64Array | Int32Array, outputs: Float32Array, classes: readonly string[]): EvaluationDetails {
  if (!isClassification(task)) {
    const step = Math.max(1, Math.ceil(y.length / MAX_CHART_POINTS));
    const actual: number[] = [];
    const predicted: number[] = [];
    for (let i = 0; i < y.length; i += step) {
      actual.push(y[i]);
      predicted.push(outputs[i]);
    }
    return { kind: 'regression', actual, predicted };
  }
  const yTrue = y as Int32Array;
  const k = classes.length;
  const confusion = confusionMatrix(yTrue, argmaxRows(outputs, k), k);
  const perClass = perClassScores(confusion).map((s, c) => ({ ...s, label: classes[c] }));
  const targets = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const roc = targets.map((c) => {
    const truth = Uint8Array.from(yTrue, (v) => (v === c ? 1 : 0));
    const scores = probaColumn(outputs, k, c);
    return { label: classes[c], auc: rocAuc(truth, scores), curve: thinCurve(rocCurve(truth, scores)) };
  });
  if (k !== 2) return { kind: 'classification', classes, confusion, perClass, roc };
  const truth = Uint8Array.from(yTrue, (v) => (v === 1 ? 1 : 0));
  const scores = probaColumn(outputs, 2, 1);
  const pr = precisionRecallCurve(truth, scores);
  const step = Math.max(1, Math.ceil(pr.recall.length / MAX_CHART_POINTS));
  const thin = (v: number[]) => v.filter((_, i) => i % step === 0 || i === v.length - 1);
  return {
    kind: 'classification',
    classes,
    confusion,
    perClass,
    roc,
    binary: { thresholds: thresholdTable(truth, scores), pr: { recall: thin(pr.recall), precision: thin(pr.precision), averagePrecision: pr.averagePrecision }, calibration: calibrationBins(truth, scores) },
  };
}

/** Keeps at most MAX_CHART_POINTS points of a curve, always the first and the last. */
function thinCurve(curve: RocCurve): RocCurve {
  const n = curve.fpr.length;
  if (n <= MAX_CHART_POINTS) return curve;
  const step = (n - 1) / (MAX_CHART_POINTS - 1);
  const idx = Array.from({ length: MAX_CHART_POINTS }, (_, i) => Math.round(i * step));
  return { fpr: idx.map((i) => curve.fpr[i]), tpr: idx.map((i) => curve.tpr[i]), thresholds: idx.map((i) => curve.thresholds[i]) };
}
