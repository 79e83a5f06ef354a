import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../core/evaluate/evaluate';
import type { TrainReport } from '../../core/train/report';
import { fitHint, reportBaseline } from './fitHint';

/** The parts of a report a verdict reads. */
function report(task: TrainReport['task'], train: Metrics, test: Metrics, baseline?: TrainReport['baseline'], evaluation?: TrainReport['evaluation']): TrainReport {
  return { task, metrics: { train, test }, baseline, evaluation: evaluation ?? { kind: 'regression', actual: [], predicted: [] } } as unknown as TrainReport;
}

describe('fitHint', () => {
  it('a tree at 100% training / 97.1% test accuracy with log loss 0.0000 against 1.0011 is not a good fit', () => {
    const hint = fitHint(report('multiclass', { accuracy: 1, log_loss: 2e-15 }, { accuracy: 0.971, log_loss: 1.0011 }, { predicts: 'Adelie', metrics: { accuracy: 0.442, log_loss: 1.0577 } }));
    expect(hint.verdict).toBe('overfitting');
    expect(hint.title).toBe('Overfitting.');
    // No ratio to a training loss of 0: it would be a number of 15 digits.
    expect(hint.text).toContain('log loss 0.0000 on training rows but 1.0011 on test rows: its probabilities');
    expect(hint.text).toContain('its probabilities are no better than the class shares');
    expect(hint.text).toContain('always guessing “Adelie”, the most common class (44.2%, log loss 1.0577 from the class shares)');
  });

  it('R² 0.52 says how it compares with predicting the mean', () => {
    const hint = fitHint(report('regression', { r2: 0.55, mae: 43.5, rmse: 53.9 }, { r2: 0.52, mae: 44.8, rmse: 55.1 }, { predicts: 152.1, metrics: { r2: -0.004, mae: 64.12, rmse: 77.3 } }));
    expect(hint.verdict).toBe('good');
    expect(hint.title).toBe('No sign of overfitting.');
    expect(hint.text).toBe(
      'Training and test agree (R² 0.55 and 0.52; MAE 43.5 and 44.8; RMSE 53.9 and 55.1). Predicting the mean for every row scores R² 0.00, MAE 64.12, RMSE 77.3 on the test rows (R² 0.52 for the model, MAE 44.8); the model removes 52% of the squared error of predicting the mean, so much of the variation is left unexplained.',
    );
  });

  it('close scores well above the baseline read as no sign of overfitting', () => {
    const hint = fitHint(report('multiclass', { accuracy: 0.96, log_loss: 0.1 }, { accuracy: 0.95, log_loss: 0.12 }, { predicts: 'Adelie', metrics: { accuracy: 0.442, log_loss: 1.0577 } }));
    expect(hint).toMatchObject({ verdict: 'good', title: 'No sign of overfitting.' });
    expect(hint.text).toBe('Training and test agree (accuracy 96.0% and 95.0%; log loss 0.1000 and 0.1200), well above always guessing “Adelie”, the most common class (44.2%, log loss 1.0577 from the class shares).');
  });

  it('a middle gap is some overfitting, judged against what is left to learn above the baseline', () => {
    // 4 points of 40 left above a 60% majority: a tenth of the scale.
    const hint = fitHint(report('binary', { accuracy: 0.99, log_loss: 0.05 }, { accuracy: 0.95, log_loss: 0.09 }, { predicts: 'yes', metrics: { accuracy: 0.6, log_loss: 0.673 } }));
    expect(hint.verdict).toBe('some-overfitting');
    // Log loss: 0.04 of the 0.673 that knowing nothing costs, a little over the 0.05 mark too.
    expect(hint.text).toMatch(/^The model scores accuracy 99\.0% on training rows but 95\.0% on test rows; log loss 0\.0500 on training rows but 0\.0900 on test rows \(1\.8 times as much\)\. A gap this size/);
  });

  it('an error twice as large on test rows is overfitting even when R² moves little', () => {
    const hint = fitHint(report('regression', { r2: 0.97, mae: 5, rmse: 8 }, { r2: 0.93, mae: 12, rmse: 14 }, { predicts: 100, metrics: { r2: 0, mae: 40, rmse: 50 } }));
    expect(hint.verdict).toBe('overfitting');
    expect(hint.text).toContain('MAE 5 on training rows but 12 on test rows (2.4 times as large)');
  });

  it('no better than the most common class is underfitting, or overfitting when training is far higher', () => {
    const base = { predicts: 'no', metrics: { accuracy: 0.7, log_loss: 0.61 } };
    expect(fitHint(report('binary', { accuracy: 0.71, log_loss: 0.6 }, { accuracy: 0.7, log_loss: 0.61 }, base)).verdict).toBe('underfitting');
    expect(fitHint(report('binary', { accuracy: 1, log_loss: 0 }, { accuracy: 0.69, log_loss: 5 }, base)).verdict).toBe('overfitting');
  });

  it('a report from before baselines takes them from its test rows', () => {
    const old = report('multiclass', { accuracy: 0.9 }, { accuracy: 0.88 }, undefined, { kind: 'classification', classes: ['a', 'b'], confusion: [[6, 0], [1, 1]], perClass: [], roc: [] });
    // Test rows: 6 of class a, 2 of b. Always a: 75%; log loss of the shares −(0.75 ln 0.75 + 0.25 ln 0.25) = 0.5623.
    const base = reportBaseline(old)!;
    expect(base.predicts).toBe('a');
    expect(base.metrics.accuracy).toBe(0.75);
    expect(base.metrics.log_loss).toBeCloseTo(0.562335, 5);
    expect(base.fromTestRows).toBe(true);
  });
});
