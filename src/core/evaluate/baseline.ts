import { isClassification, type Task } from '../problem';
import { type Metrics, computeMetrics } from './evaluate';

/**
 * What a model that ignores the features scores on the test rows: the bar every model must clear.
 * For classification it predicts the training rows' most common class, with their class shares
 * as its probabilities (scikit-learn's `DummyClassifier(strategy="prior")`); for regression the
 * training rows' mean (`DummyRegressor()`, whose test R² is 0 up to the test mean's difference).
 */
export interface Baseline {
  /** What it always predicts: the most common class's name, or the mean as a number. */
  readonly predicts: string | number;
  /** Its metrics on the test rows, the same keys as the model's. */
  readonly metrics: Metrics;
}

/** The baseline fitted on `yTrain` (class indices of `classes`, or numbers) and scored on `yTest`. */
export function baselineOf(task: Task, yTrain: ArrayLike<number>, yTest: Int32Array | Float64Array, classes: readonly string[]): Baseline {
  if (!isClassification(task)) {
    let mean = 0;
    for (let i = 0; i < yTrain.length; i++) mean += yTrain[i];
    mean /= yTrain.length;
    return { predicts: mean, metrics: computeMetrics(task, yTest, new Float32Array(yTest.length).fill(mean), 1) };
  }
  const k = classes.length;
  const shares = new Float64Array(k);
  for (let i = 0; i < yTrain.length; i++) shares[yTrain[i]] += 1 / yTrain.length;
  // The first of equally common classes, as scikit-learn's argmax picks it.
  let top = 0;
  for (let c = 1; c < k; c++) if (shares[c] > shares[top]) top = c;
  const proba = new Float32Array(yTest.length * k);
  for (let i = 0; i < yTest.length; i++) proba.set(shares, i * k);
  return { predicts: classes[top], metrics: computeMetrics(task, yTest, proba, k) };
}
