import { SaplingError } from '../../util/errors';
import { type StepDefinition, columnsParam, kindsParam } from '../step';
import { SELECTION_KINDS, judgedColumns, jsonScores, namesAt, selectionTarget } from './selection/input';
import { mutualInfo } from './selection/mutualInfo';
import { chi2, fClassif, fRegression, kBest } from './selection/scores';
import { type SelectKBestState, selectKBestTransform } from './selectKBest.transform';

const schema = {
  k: { type: 'number', label: 'Columns to keep', default: 10, min: 1, max: 100_000, integer: true, help: 'How many of the best-scoring columns to keep (all of them when there are no more than this).' },
  score: {
    type: 'choice',
    label: 'Score',
    default: 'f',
    options: [
      { value: 'f', label: 'F-test (linear relation)' },
      { value: 'mutual-info', label: 'Mutual information (any relation)' },
      { value: 'chi2', label: 'Chi-square (counts, classes only)' },
    ],
    help: 'F-test: ANOVA F for classes, the F of a one-column linear fit for numbers; fast, sees linear relations. Mutual information (k-nearest neighbours) also sees curved ones. Chi-square is for non-negative counts or 0/1 columns and classes.',
  },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(SELECTION_KINDS),
} as const;

/** The scores of a step's columns, as scikit-learn's f_classif / f_regression, mutual_info_classif / _regression and chi2. */
function scoresOf(score: SelectKBestState['score'], names: readonly string[], cols: readonly Float64Array[], y: Float64Array, classes: number, seed: number): number[] {
  if (score === 'mutual-info') return mutualInfo(cols, y, classes > 0, seed >>> 0);
  if (score === 'f') return classes > 0 ? fClassif(cols, y, classes) : fRegression(cols, y);
  if (classes === 0) throw new SaplingError('bad-param', 'select-k-best\'s chi-square score compares columns with classes; for a numeric target use the F-test or mutual information');
  cols.forEach((values, j) => {
    const i = values.findIndex((v) => v < 0);
    if (i >= 0) throw new SaplingError('negative-values', `select-k-best's chi-square score needs non-negative values (counts, 0/1), but column "${names[j]}" has ${values[i]} at data row ${i + 1}; use the F-test or mutual information, or put this step before scaling`);
  });
  return chi2(cols, y, classes);
}

/**
 * Keeps the k numeric or 0/1 columns that score best against the target on the training rows, as
 * scikit-learn's `SelectKBest`: a score that is not a number ranks lowest and, of equal scores,
 * the later column wins (its stable ascending sort taken from the top). Mutual information adds
 * scikit-learn's tiny noise from NumPy's generator seeded with the run's seed.
 */
export const selectKBestStep: StepDefinition<typeof schema, SelectKBestState> = {
  id: 'select-k-best',
  label: 'Keep the k best columns',
  help: 'Scores every numeric and 0/1 column against the target on the training rows and keeps the k best. Fitted inside each cross-validation fold, so the score it reports is honest.',
  schema,
  checkState: selectKBestTransform.checkState,
  fit(table, params, context) {
    const target = selectionTarget(context, 'select-k-best');
    const { names, cols } = judgedColumns(table, params.columns, params.kinds, 'select-k-best', true);
    const y = Float64Array.from(target.y);
    const scores = scoresOf(params.score, names, cols, y, target.classes, context.seed);
    return { columns: names, kept: namesAt(names, kBest(scores, params.k)), scores: jsonScores(scores), score: params.score };
  },
  transform: (table, _params, state) => selectKBestTransform.transform(table, state),
};
