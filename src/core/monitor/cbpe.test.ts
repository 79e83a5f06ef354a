import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng';
import { calibratedProba, expectedAccuracy, expectedConfusion, expectedRocAuc } from './cbpe';
import { rocAuc } from '../evaluate/classification';

describe('CBPE', () => {
  it('estimates the accuracy of well-calibrated probabilities within its 95% interval of the realised one', () => {
    // 3 classes; the true class drawn from the model's own probabilities (calibrated by construction).
    const n = 4000;
    const k = 3;
    const rng = createRng(11);
    const proba = new Float64Array(n * k);
    const predicted = new Int32Array(n);
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const raw = [rng.next() ** 2, rng.next(), rng.next() * 3];
      const total = raw[0] + raw[1] + raw[2];
      raw.forEach((v, j) => (proba[i * k + j] = v / total));
      predicted[i] = raw.indexOf(Math.max(...raw));
      let u = rng.next();
      let y = 0;
      while (y < k - 1 && u >= proba[i * k + y]) u -= proba[i * k + y++];
      if (y === predicted[i]) correct++;
    }
    const estimate = expectedAccuracy(proba, k, predicted);
    const realised = correct / n;
    expect(estimate.lower).toBeLessThan(realised);
    expect(estimate.upper).toBeGreaterThan(realised);
    expect(estimate.upper - estimate.lower).toBeLessThan(0.06);
    // The expected confusion matrix holds n rows and its trace is n × the expected accuracy.
    const matrix = expectedConfusion(proba, k, predicted);
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBeCloseTo(n, 6);
    expect(matrix[0][0] + matrix[1][1] + matrix[2][2]).toBeCloseTo(n * estimate.value, 6);
  });

  it('works out the standard error by hand: sqrt(Σ p(1 − p)) / n', () => {
    const proba = Float64Array.from([0.9, 0.1, 0.4, 0.6]);
    const e = expectedAccuracy(proba, 2, Int32Array.from([0, 1]));
    expect(e.value).toBeCloseTo(0.75, 12);
    expect(e.std_error).toBeCloseTo(Math.sqrt(0.09 + 0.24) / 2, 12);
  });

  it("calibrates each class through the reference's map, then renormalises rows", () => {
    const out = calibratedProba(Float32Array.from([0.8, 0.2]), ['no', 'yes'], { no: { x: [0, 1], y: [0, 0.5] }, yes: { x: [0, 1], y: [0, 1] } });
    // no: 0.8 → 0.4, yes: 0.2 → 0.2; renormalised to 2/3, 1/3.
    expect(out[0]).toBeCloseTo(2 / 3, 6);
    expect(out[1]).toBeCloseTo(1 / 3, 6);
    expect(Array.from(calibratedProba(Float32Array.from([0.25, 0.75]), ['a', 'b'], undefined))).toEqual([0.25, 0.75]);
  });

  it('gives the expected ROC AUC, the realised AUC when the probabilities are 0/1 truths', () => {
    const scores = Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.5, 0.4]);
    const truth = Uint8Array.from([1, 0, 1, 1, 0, 0]);
    expect(expectedRocAuc(scores, truth)).toBeCloseTo(rocAuc(truth, scores), 12);
    // Every row a coin flip: no ranking is better than chance.
    expect(expectedRocAuc(scores, Float64Array.from(scores, () => 0.5))).toBeCloseTo(0.5, 12);
  });
});
