import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/util/rng';
import { rocCurve } from '../../core/evaluate/classification';
import { thinCurve, thinSteps } from './thinCurve';

/** The largest distance (in scaled units) from any point to the polyline through the kept points. */
function worstGap(xs: number[], ys: number[], kept: number[], sx: number, sy: number): number {
  let worst = 0;
  for (let j = 0; j + 1 < kept.length; j++) {
    const [a, b] = [kept[j], kept[j + 1]];
    const dx = (xs[b] - xs[a]) * sx;
    const dy = (ys[b] - ys[a]) * sy;
    const len2 = dx * dx + dy * dy;
    for (let i = a + 1; i < b; i++) {
      const px = (xs[i] - xs[a]) * sx;
      const py = (ys[i] - ys[a]) * sy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      worst = Math.max(worst, Math.hypot(px - t * dx, py - t * dy));
    }
  }
  return worst;
}

describe('thinCurve', () => {
  it('keeps the corners of a polyline and drops the points on its straight runs', () => {
    // (0,0) → (1,0) → (1,1) with points every 0.25 along both runs: only the ends and the corner matter.
    const xs = [0, 0.25, 0.5, 0.75, 1, 1, 1, 1, 1];
    const ys = [0, 0, 0, 0, 0, 0.25, 0.5, 0.75, 1];
    expect(thinCurve(xs, ys, 100, 100)).toEqual([0, 4, 8]);
  });

  it('draws a 2,000-point ROC curve with a few hundred points, none left out further than half a pixel away', () => {
    const rng = createRng(3);
    const n = 4000;
    const positive = new Uint8Array(n);
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      positive[i] = rng.next() < 0.5 ? 1 : 0;
      scores[i] = rng.normal() + (positive[i] ? 1.5 : 0);
    }
    const { fpr, tpr } = rocCurve(positive, scores);
    const kept = thinCurve(fpr, tpr, 1600, 320);
    expect(fpr.length).toBeGreaterThan(1500);
    expect(kept.length).toBeLessThan(fpr.length / 3);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(fpr.length - 1);
    expect(worstGap(fpr, tpr, kept, 1600, 320)).toBeLessThanOrEqual(0.5);
  });

  it('keeps short curves whole', () => {
    expect(thinCurve([0, 1], [0, 1], 100, 100)).toEqual([0, 1]);
    expect(thinCurve([], [], 100, 100)).toEqual([]);
  });
});

describe('thinSteps', () => {
  it('leaves out the steps within half a pixel of the last level kept', () => {
    // At 100 px per unit: 0.5 → 0.502 is 0.2 px (left out), 0.51 is 1 px from 0.5 (kept), 0.513 is 0.3 px from 0.51 (left out); the last is always kept.
    expect(thinSteps([0.5, 0.502, 0.51, 0.513, 0.6, 0.6], 100)).toEqual([0, 2, 4, 5]);
    expect(thinSteps([1, 0], 100)).toEqual([0, 1]);
  });
});
