import { quantilesInPlace } from '../profile/numeric';
import { presentValues } from '../profile/stats';
import type { Column } from '../table/column';
import { keyed } from '../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from './step';
import { type ImputeState, imputeTransform } from './impute.transform';

const schema = {
  numeric: {
    type: 'choice',
    label: 'Numbers',
    default: 'mean',
    options: [
      { value: 'mean', label: 'Mean' },
      { value: 'median', label: 'Median' },
      { value: 'most_frequent', label: 'Most frequent' },
      { value: 'constant', label: 'Constant' },
    ],
    help: 'How to fill a missing number. The median resists outliers; a constant keeps "missing" recognisable.',
  },
  numericFill: {
    type: 'number',
    label: 'Constant for numbers',
    default: 0,
    help: 'The value that fills missing numbers.',
    shownWhen: { param: 'numeric', values: ['constant'] },
  },
  categorical: {
    type: 'choice',
    label: 'Categories',
    default: 'most_frequent',
    options: [
      { value: 'most_frequent', label: 'Most frequent' },
      { value: 'constant', label: 'A "missing" category' },
    ],
    help: 'How to fill a missing category or yes/no value: the most common one, or a category of its own called "missing".',
  },
  columns: columnsParam('numeric, categorical or boolean'),
  kinds: kindsParam(['numeric', 'categorical', 'boolean']),
} as const;

/** The category used by the constant strategy for categorical columns. */
export const MISSING_CATEGORY = 'missing';

/** Fills missing values with statistics learned from the training split. */
export const imputeStep: StepDefinition<typeof schema, ImputeState> = {
  id: 'impute',
  label: 'Fill missing values',
  help: 'Replaces missing values with a statistic of the training data, so models that cannot handle gaps can train.',
  schema,
  checkState: imputeTransform.checkState,
  fit(table, params) {
    const fills = keyed<number | string>();
    for (const column of selectColumns(table, params.columns, ['numeric', 'categorical', 'boolean'], params.kinds)) {
      fills[column.name] = fillFor(column, params.numeric, params.numericFill, params.categorical);
    }
    return { fills };
  },
  transform: (table, _params, state) => imputeTransform.transform(table, state),
};

function fillFor(column: Column, numeric: string, numericFill: number, categorical: string): number | string {
  switch (column.kind) {
    case 'numeric': {
      if (numeric === 'mean') {
        // The mean needs no copy of the present values: the same sum, in the same order, skipping NaN.
        const values = column.values;
        let sum = 0;
        let n = 0;
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v === v) {
            sum += v;
            n++;
          }
        }
        return n === 0 ? numericFill : sum / n;
      }
      const present = presentValues(column.values);
      if (numeric === 'constant' || present.length === 0) return numericFill;
      if (numeric === 'median') return quantilesInPlace(present, [0.5])[0];
      return modeSorted(present.sort());
    }
    case 'boolean': {
      let ones = 0;
      let zeros = 0;
      for (const v of column.values) {
        if (v === 1) ones++;
        else if (v === 0) zeros++;
      }
      return ones > zeros ? 1 : 0;
    }
    case 'categorical':
    case 'text': {
      if (categorical === 'constant') return MISSING_CATEGORY;
      const counts = new Int32Array(column.categories.length);
      for (const c of column.codes) if (c >= 0) counts[c]++;
      let best = -1;
      for (let k = 0; k < counts.length; k++) if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) best = k;
      return best >= 0 ? column.categories[best] : MISSING_CATEGORY;
    }
    default:
      return NaN;
  }
}

/** The most frequent value of sorted numbers (the smallest among ties, like scikit-learn). */
function modeSorted(sorted: Float64Array): number {
  let best = sorted[0];
  let bestRun = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > bestRun) {
      bestRun = j - i;
      best = sorted[i];
    }
    i = j;
  }
  return best;
}
