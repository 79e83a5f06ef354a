import { type DataTable, dropColumns } from '../../table/DataTable';
import { checkArray, checkObject, checkStrings, fail } from '../../util/check';
import type { StepTransform } from '../step';

/**
 * What every selection step keeps (the prediction half they share: replay only drops columns):
 * the columns it judged, in table order, those it kept, and each judged column's score for the
 * studio's chart (null where the score is not a finite number, which JSON cannot hold).
 */
export interface SelectionState {
  readonly columns: string[];
  readonly kept: string[];
  readonly scores: (number | null)[];
}

/** Drops the judged columns that were not kept; columns absent from the table (unused downstream) are skipped. */
export function dropUnselected(table: DataTable, state: SelectionState): DataTable {
  const kept = new Set(state.kept);
  const present = new Set(table.columns.map((c) => c.name));
  return dropColumns(table, state.columns.filter((c) => !kept.has(c) && present.has(c)));
}

/** Checks the shared fields of a selection state read from a model file; returns the object for a step's own checks. */
export function checkSelectionState(state: unknown, path: string): Record<string, unknown> {
  const s = checkObject(state, path);
  const columns = checkStrings(s.columns, `${path}.columns`);
  const judged = new Set(columns);
  checkStrings(s.kept, `${path}.kept`).forEach((name, i) => {
    if (!judged.has(name)) fail(`${path}.kept[${i}]`, `names "${name}", which is not among the judged columns`);
  });
  checkArray(s.scores, `${path}.scores`, columns.length).forEach((v, i) => {
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) fail(`${path}.scores[${i}]`, 'must be a number or null');
  });
  return s;
}

/** The prediction half of a selection step `id`: drop what it did not keep; `check` adds the step's own state checks. */
export function selectionTransform<S extends SelectionState>(id: string, check?: (s: Record<string, unknown>, path: string) => void): StepTransform<S> {
  return {
    id,
    checkState(state, path) {
      const s = checkSelectionState(state, path);
      check?.(s, path);
    },
    transform: (table, state) => dropUnselected(table, state),
    onFiniteNumbers: (state, columns) => {
      const dropped = new Set(state.columns.filter((c) => !state.kept.includes(c)));
      return { kept: columns.filter((c) => !dropped.has(c)), maps: new Map() };
    },
  };
}
