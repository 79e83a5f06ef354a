import { type StepDefinition, columnsParam, kindsParam } from '../step';
import { SELECTION_KINDS, judgedColumns, jsonScores, namesAt } from './selection/input';
import { thresholdVariance } from './selection/scores';
import { type VarianceThresholdState, varianceThresholdTransform } from './varianceThreshold.transform';

const schema = {
  threshold: {
    type: 'number',
    label: 'Threshold',
    default: 0,
    min: 0,
    help: 'Columns whose variance on the training rows is not above this are dropped; 0 drops only constant columns. The variance is in the column\'s own units squared, so put this step before scaling (after it every variance is 1).',
  },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(SELECTION_KINDS),
} as const;

/**
 * Drops columns that barely vary, as scikit-learn's `VarianceThreshold`: the population variance of
 * each numeric or 0/1 column on the training rows (gaps ignored, as `np.nanvar`), a column kept
 * when it is above the threshold (at 0, the smaller of the variance and the range is compared, so
 * rounding cannot keep a constant column). Needs no target.
 */
export const varianceThresholdStep: StepDefinition<typeof schema, VarianceThresholdState> = {
  id: 'variance-threshold',
  label: 'Drop low-variance columns',
  help: 'Drops numeric and 0/1 columns whose values hardly change on the training rows (constant ones at the default threshold 0): they cannot help a model tell rows apart.',
  schema,
  checkState: varianceThresholdTransform.checkState,
  fit(table, params) {
    const { names, cols } = judgedColumns(table, params.columns, params.kinds, 'the variance threshold', false);
    const variances = cols.map((c) => thresholdVariance(c, params.threshold));
    const kept = variances.flatMap((v, j) => (v > params.threshold ? [j] : []));
    return { columns: names, kept: namesAt(names, kept), scores: jsonScores(variances), threshold: params.threshold };
  },
  transform: (table, _params, state) => varianceThresholdTransform.transform(table, state),
};
