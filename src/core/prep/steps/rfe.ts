import { kFoldSplits } from '../split';
import { type StepDefinition, columnsParam, kindsParam } from '../step';
import { createRng } from '../../util/rng';
import { SELECTION_KINDS, judgedColumns, namesAt, selectionTarget } from './selection/input';
import { eliminate, eliminateWithCv } from './selection/rfe';
import { type RfeState, rfeTransform } from './rfe.transform';

const schema = {
  features: { type: 'number', label: 'Columns to keep', default: 0, min: 0, max: 100_000, integer: true, help: 'How many columns elimination stops at (0 = half of them, as scikit-learn\'s default). With cross-validation, the fewest it may choose (0 = 1).' },
  step: { type: 'number', label: 'Drop per round', default: 1, min: 1, max: 1000, integer: true, help: 'Columns dropped each round: 1 ranks them most finely; more is faster on many columns.' },
  cv: { type: 'number', label: 'Cross-validation folds', default: 0, min: 0, max: 20, integer: true, help: '0: plain elimination down to the count above. 2 or more: elimination inside that many folds of the training rows scores every count, and the best-scoring count is kept (the chart shows the score against the number of columns).' },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(SELECTION_KINDS),
} as const;

/** Mixed into the run's seed for RFECV's folds (their own stream). */
const RFE_FOLD_SEED = 0x2fe_cafe;

/**
 * Recursive feature elimination, as scikit-learn's `RFE` / `RFECV` with `LogisticRegression()`
 * (classes) or `LinearRegression()` (numbers): fit, drop the `step` columns with the smallest
 * squared coefficients (summed over classes), repeat. Put it after scaling, or coefficients
 * measure units as much as importance. With `cv` ≥ 2, the folds are seeded and stratified by
 * class (scikit-learn's `cv=k` deals unshuffled folds in row order), every count from all the
 * columns down to `features` is scored on the held-out rows (accuracy or R²), and the best mean
 * wins, the fewest columns among equals.
 */
export const rfeStep: StepDefinition<typeof schema, RfeState> = {
  id: 'rfe',
  label: 'Recursive feature elimination',
  help: 'Fits a linear model, drops the weakest column, and repeats until the chosen number is left; with cross-validation it picks that number itself from a chart of score against number of columns.',
  schema,
  checkState: rfeTransform.checkState,
  fit(table, params, context) {
    const target = selectionTarget(context, 'rfe');
    const { names, cols } = judgedColumns(table, params.columns, params.kinds, 'rfe', true);
    const d = cols.length;
    if (d === 0) return { columns: [], kept: [], scores: [], curve: null };
    if (params.cv >= 2) {
      const strata = target.classes > 0 ? Int32Array.from(target.y) : undefined;
      const folds = kFoldSplits(target.y.length, params.cv, createRng((context.seed ^ RFE_FOLD_SEED) >>> 0), { strata });
      const fewest = Math.min(Math.max(params.features, 1), d);
      const result = eliminateWithCv(cols, target, fewest, params.step, folds);
      return { columns: names, kept: namesAt(names, result.kept), scores: result.ranking, curve: result.curve };
    }
    const keep = Math.min(params.features === 0 ? Math.floor(d / 2) || d : params.features, d);
    const result = eliminate(cols, target, keep, params.step);
    return { columns: names, kept: namesAt(names, result.kept), scores: result.ranking, curve: null };
  },
  transform: (table, _params, state) => rfeTransform.transform(table, state),
};
