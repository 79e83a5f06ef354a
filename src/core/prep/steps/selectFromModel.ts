import { type StepDefinition, columnsParam, kindsParam } from '../step';
import { forestImportances, l1Importances, thresholdSelection } from './selection/fromModel';
import { SELECTION_KINDS, judgedColumns, jsonScores, namesAt, selectionTarget } from './selection/input';
import { type SelectFromModelState, selectFromModelTransform } from './selectFromModel.transform';

const schema = {
  model: {
    type: 'choice',
    label: 'Model',
    default: 'l1',
    options: [
      { value: 'l1', label: 'L1 linear model (lasso / L1 logistic regression)' },
      { value: 'forest', label: 'Random forest' },
    ],
    help: 'Which model judges the columns: an L1-penalised linear model (its coefficients, zero for the columns it does without; put it after scaling) or a random forest (its impurity-based importances; sees curved relations and interactions).',
  },
  threshold: {
    type: 'choice',
    label: 'Keep columns at least',
    default: 'mean',
    options: [
      { value: 'mean', label: 'The mean importance' },
      { value: 'median', label: 'The median importance (about half the columns)' },
    ],
    help: 'Columns whose importance is at least the mean (or the median) of all the columns\' importances are kept.',
  },
  maxFeatures: { type: 'number', label: 'At most', default: 0, min: 0, max: 100_000, integer: true, help: 'Keep no more than this many of the most important columns (0 = no limit).', off: { value: 0, label: 'no limit' } },
  C: { type: 'number', label: 'C (classes)', default: 1, min: 1e-6, max: 1e6, log: true, help: 'Inverse penalty of the L1 logistic regression for classes (as scikit-learn\'s C): smaller keeps fewer columns.', shownWhen: { param: 'model', values: ['l1'] } },
  alpha: { type: 'number', label: 'Alpha (numbers)', default: 0.01, min: 0, max: 100, help: 'Penalty of the lasso for a numeric target, in units of the target\'s standard deviation (Lasso(alpha × std(y))): larger keeps fewer columns.', shownWhen: { param: 'model', values: ['l1'] } },
  trees: { type: 'number', label: 'Trees', default: 100, min: 1, max: 1000, integer: true, help: 'Trees of the random forest that judges the columns.', shownWhen: { param: 'model', values: ['forest'] } },
  columns: columnsParam('numeric or 0/1'),
  kinds: kindsParam(SELECTION_KINDS),
} as const;

/**
 * Keeps the columns a model finds important, as scikit-learn's `SelectFromModel` with threshold
 * "mean" (or "median"): an L1 model's |coefficients| (lasso for numbers, L1 logistic regression for
 * classes, summed over classes), solved here (selection/linearFits.ts), or the impurity importances
 * of Sapling's own random forest (models/trees, default settings, trees grown from the run's seed).
 */
export const selectFromModelStep: StepDefinition<typeof schema, SelectFromModelState> = {
  id: 'select-from-model',
  label: 'Keep columns a model finds important',
  help: 'Fits an L1 linear model or a random forest on the training rows and keeps the columns whose importance is at least the mean (or median) importance.',
  schema,
  checkState: selectFromModelTransform.checkState,
  fit(table, params, context) {
    const target = selectionTarget(context, 'select-from-model');
    const { names, cols } = judgedColumns(table, params.columns, params.kinds, 'select-from-model', true);
    const importances = params.model === 'forest' ? forestImportances(cols, target, params.trees, context.seed) : l1Importances(cols, target, { C: params.C, alpha: params.alpha });
    const { kept, threshold } = thresholdSelection(importances, params.threshold, params.maxFeatures);
    return { columns: names, kept: namesAt(names, kept), scores: jsonScores(importances), model: params.model, threshold };
  },
  transform: (table, _params, state) => selectFromModelTransform.transform(table, state),
};
