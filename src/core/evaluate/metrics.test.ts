import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, logLoss, rocAuc, rocAucFromProba, rocCurve } from './classification';
import { classificationMetrics, evaluationDetails, regressionMetrics } from './evaluate';
import { r2Score } from './regression';
import { createRng } from '../util/rng';

// Reference values from scikit-learn 1.2.1 (metrics.*), computed on the same inputs.
describe('binary metrics', () => {
  const y = Int32Array.from([0, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
  const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.4, 0.2, 0.65, 0.55];
  const positive = Uint8Array.from(y);

  it('ROC AUC by hand: 20 of 25 positive–negative pairs ordered, ties half', () => {
    expect(rocAuc(positive, s)).toBeCloseTo(0.8, 12);
  });
  it('ROC curve points equal roc_curve(drop_intermediate=False)', () => {
    const c = rocCurve(positive, s);
    expect(c.fpr).toEqual([0, 0, 0, 0, 0.2, 0.6, 0.6, 0.8, 1]);
    expect(c.tpr).toEqual([0, 0.2, 0.4, 0.6, 0.6, 0.8, 1, 1, 1]);
    expect(c.thresholds.slice(1)).toEqual([0.9, 0.8, 0.65, 0.55, 0.4, 0.35, 0.2, 0.1]);
  });
  it('log loss and the full metric set', () => {
    const proba = Float32Array.from(s.flatMap((p) => [1 - p, p]));
    expect(logLoss(y, proba, 2)).toBeCloseTo(0.4874062850159113, 6);
    const m = classificationMetrics(y, proba, 2);
    // predictions at 0.5: [0,0,0,1,0,1,0,0,1,1] → tp 3, fp 1, fn 2, tn 4
    expect(m.accuracy).toBeCloseTo(0.7, 12);
    expect(m.roc_auc).toBeCloseTo(0.8, 6);
    expect(m.precision_macro).toBeCloseTo((0.75 + 4 / 6) / 2, 6);
    expect(m.recall_macro).toBeCloseTo((0.6 + 0.8) / 2, 6);
  });
  it('undefined AUC when one class is absent', () => {
    expect(rocAuc(Uint8Array.of(1, 1), [0.2, 0.3])).toBeNaN();
  });
});

describe('multiclass metrics', () => {
  const y = Int32Array.from([0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 1, 1]);
  const raw = [
    [0.267518, 0.422158, 0.310324], [0.331257, 0.231883, 0.436861], [0.094132, 0.36368, 0.542188],
    [0.172397, 0.559287, 0.268317], [0.239061, 0.739954, 0.020985], [0.048003, 0.010756, 0.941242],
    [0.203723, 0.276042, 0.520235], [0.429128, 0.165458, 0.405414], [0.096675, 0.784488, 0.118837],
    [0.69447, 0.17703, 0.1285], [0.127788, 0.618915, 0.253297], [0.461549, 0.010418, 0.528033],
  ];
  const proba = Float64Array.from(raw.flatMap((r) => r.map((v) => v / (r[0] + r[1] + r[2]))));

  it('match scikit-learn', () => {
    const m = classificationMetrics(y, Float32Array.from(proba), 3);
    expect(m.accuracy).toBeCloseTo(1 / 3, 12);
    expect(m.precision_macro).toBeCloseTo(0.26666666666666666, 10);
    expect(m.recall_macro).toBeCloseTo(0.3, 10);
    expect(m.f1_macro).toBeCloseTo(0.2814814814814815, 10);
    expect(rocAucFromProba(y, proba, 3)).toBeCloseTo(0.4044312169312169, 10);
    expect(logLoss(y, proba, 3)).toBeCloseTo(1.6608523601523641, 10);
  });
  it('confusion matrix rows are truth, columns predictions', () => {
    const pred = Int32Array.from(raw.map((r) => r.indexOf(Math.max(...r))));
    expect(confusionMatrix(y, pred, 3)).toEqual([[0, 2, 1], [1, 2, 2], [1, 1, 2]]);
    expect(accuracy(y, pred)).toBeCloseTo(1 / 3, 12);
  });
  it('details carry one one-vs-rest ROC curve per class', () => {
    const d = evaluationDetails('multiclass', y, Float32Array.from(proba), ['a', 'b', 'c']);
    expect(d.kind === 'classification' && d.roc.map((r) => r.label)).toEqual(['a', 'b', 'c']);
  });
});

describe('regression metrics', () => {
  it('match scikit-learn on its documentation example', () => {
    const m = regressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
    expect(m.mae).toBe(0.5);
    expect(m.rmse).toBeCloseTo(0.6123724356957945, 12);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 12);
  });
  it('R² of a constant truth follows scikit-learn: 1 if perfect, else 0', () => {
    expect(r2Score([2, 2], [2, 2])).toBe(1);
    expect(r2Score([2, 2], [1, 2])).toBe(0);
  });
});

describe('ROC AUC at sizes where the scores are ordered by their bits', () => {
  it('equals the pairwise count (ties half) on 20,000 float32 scores with many ties, and the trapezoids under rocCurve', () => {
    const rng = createRng(3);
    const n = 20_000;
    const scores = Float32Array.from({ length: n }, () => Math.round(rng.next() * 500) / 500);
    const positive = Uint8Array.from(scores, (s) => (rng.next() < s ? 1 : 0));
    // Pairs counted per distinct score: negatives below each positive, ties half.
    const negAt = new Map<number, number>();
    const posAt = new Map<number, number>();
    for (let i = 0; i < n; i++) (positive[i] ? posAt : negAt).set(scores[i], ((positive[i] ? posAt : negAt).get(scores[i]) ?? 0) + 1);
    const distinct = [...new Set(scores)].sort((a, b) => a - b);
    let below = 0;
    let wins = 0;
    for (const s of distinct) {
      const p = posAt.get(s) ?? 0;
      const q = negAt.get(s) ?? 0;
      wins += p * below + (p * q) / 2;
      below += q;
    }
    let nPos = 0;
    for (const t of positive) nPos += t;
    expect(rocAuc(positive, scores)).toBeCloseTo(wins / (nPos * (n - nPos)), 12);
    const { fpr, tpr } = rocCurve(positive, scores);
    expect(fpr.length).toBe(distinct.length + 1);
    let area = 0;
    for (let i = 1; i < fpr.length; i++) area += ((fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1])) / 2;
    expect(rocAuc(positive, scores)).toBeCloseTo(area, 12);
  });
});
