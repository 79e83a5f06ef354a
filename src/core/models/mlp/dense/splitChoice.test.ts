import { describe, expect, it } from 'vitest';
import { SplitChoice } from './splitChoice';

/** Runs `steps` choices where a split step costs `split` ms per row and one alone `alone`; returns the fraction split. */
function splitShare(alone: number, split: number, steps: number, wake = 0): number {
  const choice = new SplitChoice();
  let helped = 0;
  let last = false;
  for (let s = 0; s < steps; s++) {
    const h = choice.useHelper();
    // A helper woken after a run of steps alone costs `wake` ms more on its first step.
    choice.record(h, 100, (h ? split : alone) * 100 + (h && !last ? wake : 0));
    last = h;
    if (h) helped++;
  }
  return helped / steps;
}

describe('SplitChoice', () => {
  it('splits almost every step when splitting halves the step', () => {
    expect(splitShare(0.01, 0.005, 5000)).toBeGreaterThan(0.97);
  });

  it('splits almost no step when the helper is five times slower (a loaded machine), trying it ever more rarely', () => {
    // Its trial bursts end at their first counted step (3 steps rather than 8).
    expect(splitShare(0.01, 0.05, 500)).toBeLessThan(0.04);
    expect(splitShare(0.01, 0.05, 5000)).toBeLessThan(0.006);
    expect(splitShare(0.01, 0.05, 50_000)).toBeLessThan(0.005);
  });

  it('does not count the wake-up of a sleeping helper against splitting', () => {
    // Waking costs ten steps' worth once a burst; the split steps after it are twice as fast.
    expect(splitShare(0.01, 0.005, 5000, 10)).toBeGreaterThan(0.97);
  });
});
