import type { TrainReport } from '../../core/train/report';

/** A plain-language reading of train vs test scores: over-, under-, or a good fit. */
export interface FitHint {
  readonly verdict: 'overfitting' | 'underfitting' | 'good';
  readonly text: string;
}

/** Gap in the main score (accuracy or R²) above which training and test disagree. */
const GAP = 0.1;

/** Reads the report's train and test scores the way a teacher would. */
export function fitHint(report: TrainReport): FitHint {
  const { train, test } = report.metrics;
  if (report.task === 'regression') {
    if (test.r2 < 0.1 && train.r2 < 0.2) return { verdict: 'underfitting', text: `The model explains little of the target (R² ${test.r2.toFixed(2)} on test, ${train.r2.toFixed(2)} on training): it is underfitting. Try a more flexible model or more informative features.` };
    if (train.r2 - test.r2 > GAP) return { verdict: 'overfitting', text: `R² is ${train.r2.toFixed(2)} on training rows but ${test.r2.toFixed(2)} on test rows: the model is overfitting. Regularise more, simplify it, or get more data.` };
    return { verdict: 'good', text: `Training and test R² agree (${train.r2.toFixed(2)} and ${test.r2.toFixed(2)}): no sign of overfitting.` };
  }
  const details = report.evaluation.kind === 'classification' ? report.evaluation : null;
  const supports = details ? details.confusion.map((row) => row.reduce((a, b) => a + b, 0)) : [];
  const total = supports.reduce((a, b) => a + b, 0);
  const baseline = total ? Math.max(...supports) / total : 0;
  if (test.accuracy <= baseline + 0.02) {
    return { verdict: 'underfitting', text: `Test accuracy (${pct(test.accuracy)}) is no better than always guessing the most common class (${pct(baseline)}): the model is underfitting.` };
  }
  if (train.accuracy - test.accuracy > GAP) {
    return { verdict: 'overfitting', text: `Accuracy is ${pct(train.accuracy)} on training rows but ${pct(test.accuracy)} on test rows: the model is overfitting. Regularise more, simplify it, or get more data.` };
  }
  return { verdict: 'good', text: `Training and test accuracy agree (${pct(train.accuracy)} and ${pct(test.accuracy)}), well above guessing the most common class (${pct(baseline)}).` };
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}
