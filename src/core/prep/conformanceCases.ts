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
  'date-parts': { params: { quarter: true, dayOfYear: true, minute: true, cyclic: true } },
  formula: { params: { name: 'ratio', expression: 'if(flag and contains(note, "fox"), x / z, log(y + 1)) + month(when) + (island == "Dream")' } },
  polynomial: { params: { degree: 3, columns: ['x', 'y', 'flag'] } },
  bins: { params: { bins: 4, strategy: 'kmeans' } },
  power: { params: { method: 'yeo-johnson' } },
  'variance-threshold': { params: { threshold: 1 } },
  'drop-correlated': { params: { threshold: 0.9 }, complete: true },
  'select-k-best': { params: { k: 2 }, complete: true },
  'select-from-model': { params: { model: 'l1' }, complete: true },
  'rfe': { params: { features: 2 }, complete: true },
};
