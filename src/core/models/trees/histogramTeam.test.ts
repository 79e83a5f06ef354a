import { describe, expect, it } from 'vitest';
import { HelperChoice } from './histogramTeam';

/** Runs `fills` choices where a helped fill costs `helped` ms per row and one alone `alone`; returns how often it asked the helper. */
function run(choice: HelperChoice, fills: number, alone: number, helped: number): number {
  let asked = 0;
  for (let i = 0; i < fills; i++) {
    const useHelper = choice.useHelper();
    if (useHelper) asked++;
    choice.record(useHelper, 10_000, 10_000 * (useHelper ? helped : alone));
  }
  return asked;
}

describe('HelperChoice', () => {
  it('tries both ways, settles on the faster, and notices when that changes', () => {
    const choice = new HelperChoice();
    // A helper that halves the fill is asked almost always (all but the trials and the retries).
    expect(run(choice, 320, 1, 0.5)).toBeGreaterThan(290);
    // A page that makes helped fills slow: after a few retries the team goes alone.
    const later = run(choice, 320, 1, 3);
    expect(later).toBeLessThan(40);
    // A helper that stays slow from the start is left alone after the trials.
    expect(run(new HelperChoice(), 320, 1, 2)).toBeLessThan(30);
  });
});
