import { quantilesInPlace } from '../../profile/numeric';
import { presentValues } from '../../profile/stats';
import type { NumericColumn } from '../../table/column';
import { keyed } from '../../util/keyed';
import { columnsParam, selectColumns } from '../step';
import { type ClipState, clipTransform } from './clip.transform';
import type { NewStepDefinition } from './contract';

const schema = {
  method: {
    type: 'choice',
    label: 'Bounds',
    default: 'iqr',
    options: [
      { value: 'iqr', label: 'Quartiles ± k × IQR (Tukey)' },
      { value: 'percentiles', label: 'Percentiles' },
    ],
    help: 'Where outliers start: beyond the quartiles by k times the interquartile range (Tukey\'s fences, k = 1.5), or below and above two percentiles of the training values.',
  },
  factor: {
    type: 'number',
    label: 'k',
    default: 1.5,
    min: 0,
    max: 100,
    help: 'How many interquartile ranges beyond the quartiles a value may lie before it is clipped (1.5 is Tukey\'s; 3 clips only far outliers).',
    shownWhen: { param: 'method', values: ['iqr'] },
  },
  low: {
    type: 'number',
    label: 'Low percentile',
    default: 1,
    min: 0,
    max: 50,
    help: 'Values below this percentile of the training values are raised to it.',
    shownWhen: { param: 'method', values: ['percentiles'] },
  },
  high: {
    type: 'number',
    label: 'High percentile',
    default: 99,
    min: 50,
    max: 100,
    help: 'Values above this percentile of the training values are lowered to it.',
    shownWhen: { param: 'method', values: ['percentiles'] },
  },
  columns: columnsParam('numeric'),
} as const;

/** [low, high] bounds of `values`' present values, NumPy's linear percentiles; undefined when all are missing. */
export function clipBounds(values: Float64Array, params: { method: string; factor: number; low: number; high: number }): [number, number] | undefined {
  const present = presentValues(values);
  if (present.length === 0) return undefined;
  if (params.method === 'percentiles') {
    const [low, high] = quantilesInPlace(present, [params.low / 100, params.high / 100]);
    return [low, high];
  }
  const [q1, q3] = quantilesInPlace(present, [0.25, 0.75]);
  return [q1 - params.factor * (q3 - q1), q3 + params.factor * (q3 - q1)];
}

/** Clips outliers in place to bounds fitted on the training rows (Tukey's fences or two percentiles). */
export const clipStep: NewStepDefinition<typeof schema, ClipState> = {
  id: 'clip',
  label: 'Clip outliers',
  help: 'Holds numbers within bounds learned from the training rows (quartiles ± 1.5 IQR, or the 1st and 99th percentiles), so a few extreme values do not dominate a linear model or a distance.',
  schema,
  checkState: clipTransform.checkState,
  fit(table, params) {
    const bounds = keyed<[number, number]>();
    for (const column of selectColumns(table, params.columns, ['numeric']) as NumericColumn[]) {
      const b = clipBounds(column.values, params);
      if (b) bounds[column.name] = b;
    }
    return { bounds };
  },
  transform: (table, _params, state) => clipTransform.transform(table, state),
};
