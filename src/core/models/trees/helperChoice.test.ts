import { describe, expect, it } from 'vitest';
import { HelperChoice } from './helperChoice';

/**
 * Runs `trees` choices where a helped tree costs `helped` ms per row and one alone `alone` (the
 * very first tree `firstSlower` times that); returns how often it asked the helper.
 */
function run(choice: HelperChoice, trees: number, alone: number, helped: number, firstSlower = 1): number {
  let asked = 0;
  for (let i = 0; i < trees; i++) {
    const useHelper = choice.useHelper();
    if (useHelper) asked++;
    choice.record(useHelper, 10_000, 10_000 * (useHelper ? helped : alone) * (i === 0 ? firstSlower : 1));
  }
  return asked;
}

describe('HelperChoice', () => {
  it('tries both ways, settles on the faster, and notices when that changes', () => {
    const choice = new HelperChoice();
    // A helper that halves the tree is asked almost always (all but the trials and the retries).
    expect(run(choice, 320, 1, 0.5)).toBeGreaterThan(290);
    // A page that makes helped trees slow: after a few retries the team goes alone.
    const later = run(choice, 320, 1, 3);
    expect(later).toBeLessThan(40);
    // A helper that stays slow from the start is left alone after the trials.
    expect(run(new HelperChoice(), 320, 1, 2)).toBeLessThan(30);
  });

  it('does not let the first tree each way (compiling kernels, waking the helper) decide', () => {
    // The first tree (helped) takes 5× as long; after it the helper saves two fifths. Counted, that
    // one tree kept the helper unused for most of 100 trees.
    expect(run(new HelperChoice(), 100, 1, 0.6, 5)).toBeGreaterThan(85);
  });
});
