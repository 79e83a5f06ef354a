import type { RawParams } from '../params';

/**
 * How the step conformance suite (conformance.test.ts) runs each registered step: the parameters of
 * one representative use, and whether the step needs complete numbers (no gaps, as PCA). Every
 * registered step must have a line here, so a new step cannot skip the suite. Test-only data.
 */
export interface ConformanceCase {
  readonly params?: RawParams;
  /** Fit on the fixture with its gaps filled first (for steps that require complete numbers). */
  readonly complete?: boolean;
}

/** The conformance case of each step, by id. */
export const CONFORMANCE_CASES: Readonly<Record<string, ConformanceCase>> = {
  'drop-columns': { params: { columns: ['note'] } },
  impute: { params: { numeric: 'median' } },
  scale: {},
  'one-hot': { params: { maxCategories: 2 } },
  pca: { params: { components: 2 }, complete: true },
  polynomial: { params: { degree: 3, columns: ['x', 'y', 'flag'] } },
  bins: { params: { bins: 4, strategy: 'kmeans' } },
  power: { params: { method: 'yeo-johnson' } },
};
