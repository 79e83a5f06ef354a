import { keyed } from '../util/keyed';
import { columnsParam, kindsParam, selectColumns, type StepDefinition } from './step';
import { type ScaleState, scaleTransform } from './scale.transform';

const schema = {
  method: {
    type: 'choice',
    label: 'Method',
    default: 'standard',
    options: [
      { value: 'standard', label: 'Standardise (mean 0, std 1)' },
      { value: 'minmax', label: 'Min–max (0 to 1)' },
    ],
    help: 'Puts numbers on a common scale so that no feature dominates because of its units. Neural networks and regularised linear models need it.',
  },
  columns: columnsParam('numeric'),
  kinds: kindsParam(['numeric']),
} as const;

/** Rescales numeric columns with statistics from the training split. */
export const scaleStep: StepDefinition<typeof schema, ScaleState> = {
  id: 'scale',
  label: 'Scale numbers',
  help: 'Standardises or min–max scales numeric columns, using only the training data’s statistics.',
  schema,
  checkState: scaleTransform.checkState,
  fit(table, params) {
    const columns: ScaleState['columns'] = keyed();
    for (const column of selectColumns(table, params.columns, ['numeric'], params.kinds)) {
      if (column.kind !== 'numeric') continue;
      // Indexed loops (not for…of): a fit scans every training value twice.
      const values = column.values;
      let n = 0;
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (Number.isNaN(v)) continue;
        n++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (n === 0) continue;
      if (params.method === 'minmax') {
        columns[column.name] = { offset: min, scale: max > min ? max - min : 1 };
      } else {
        const mean = sum / n;
        let ss = 0;
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (!Number.isNaN(v)) ss += (v - mean) ** 2;
        }
        // Population std, as scikit-learn's StandardScaler; a constant column is left at scale 1.
        const std = Math.sqrt(ss / n);
        columns[column.name] = { offset: mean, scale: std > 0 ? std : 1 };
      }
    }
    return { columns };
  },
  transform: (table, _params, state) => scaleTransform.transform(table, state),
};
