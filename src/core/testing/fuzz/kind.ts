import type * as fc from 'fast-check';

/**
 * One kind of input Sapling reads (a model file of one family, a project file, CSV bytes) as a
 * fuzzing target: an arbitrary that produces mutated cases, and a function that feeds one case to
 * Sapling's own reader and predictor. `run` resolves when Sapling accepted the case and gave sane
 * output, rejects with a SaplingError when it refused the case cleanly, and anything else (another
 * error type, a NaN prediction, a hang past the caller's time limit) is a fault.
 * The property test runs a few hundred cases per kind; `npm run bench -- fuzz` runs thousands.
 */
export interface FuzzKind<Case> {
  /** What the cases are, e.g. `model:forest`, `project`, `csv`. */
  readonly name: string;
  /** Produces cases: valid inputs mutated (keys dropped, numbers made huge or NaN, arrays cut, …). */
  readonly cases: fc.Arbitrary<Case>;
  /** Feeds one case through Sapling; see above for what counts as a fault. */
  run(c: Case): Promise<void>;
  /** A short description of a case for a failure report (not the whole file). */
  describe(c: Case): string;
}
