import type { Column } from '../../table/column';
import { checkEntries, checkNumbers, checkObject, fail } from '../../util/check';
import { type Keyed, own } from '../../util/keyed';
import type { StepTransform } from '../step';

/** Per clipped column: [low, high], fitted on the training rows. */
export type ClipState = { bounds: Keyed<[number, number]> };

/** Replays clipping: each fitted numeric column's values are held within its bounds (gaps stay gaps). */
export const clipTransform: StepTransform<ClipState> = {
  id: 'clip',
  checkState(state, path) {
    checkEntries(checkObject(state, path).bounds, `${path}.bounds`, (v, at) => {
      const [low, high] = checkNumbers(v, at, 2);
      if (low > high) fail(at, `low bound ${low} is above high bound ${high}`);
    });
  },
  transform(table, state) {
    return {
      rowCount: table.rowCount,
      columns: table.columns.map((column): Column => {
        const bounds = own(state.bounds, column.name);
        if (!bounds || column.kind !== 'numeric') return column;
        const [low, high] = bounds;
        // NaN fails both comparisons, so a gap passes through.
        return { ...column, values: column.values.map((v) => (v < low ? low : v > high ? high : v)) };
      }),
    };
  },
};
