import { type DataTable, findColumn } from '../table/DataTable';
import { classTarget, inferTask } from '../problem';
import type { DataWarning } from '../warnings';
import type { ColumnProfile } from './profile';

/** Share of missing values from which a column is flagged. */
export const HEAVY_MISSING_SHARE = 0.3;
/** Smallest-to-largest class ratio below which a target is flagged as imbalanced. */
export const IMBALANCE_RATIO = 0.2;

/** Warnings about the data as a whole: unusable columns and, given a target, class imbalance. */
export function profileWarnings(table: DataTable, columns: readonly ColumnProfile[], target?: string): DataWarning[] {
  const warnings: DataWarning[] = [];
  for (const c of columns) {
    const at = `column "${c.name}"`;
    if (c.missing === table.rowCount) {
      warnings.push({ code: 'all-missing', column: c.name, message: `${at} has no values at all; drop it` });
      continue;
    }
    if (c.unique <= 1) {
      warnings.push({ code: 'constant', column: c.name, message: `${at} has a single value; it carries no information` });
    }
    if (c.type === 'id') {
      warnings.push({
        code: 'id-like',
        column: c.name,
        message: `${at} looks like an identifier (every value distinct); models cannot learn from it`,
      });
    }
    const share = c.missing / table.rowCount;
    if (share >= HEAVY_MISSING_SHARE) {
      warnings.push({
        code: 'heavy-missing',
        column: c.name,
        message: `${at} is ${Math.round(share * 100)}% missing (${c.missing} of ${table.rowCount} rows)`,
      });
    }
  }
  if (target !== undefined) {
    const imbalance = classImbalance(table, target);
    if (imbalance) warnings.push(imbalance);
  }
  return warnings;
}

/** A class-imbalance warning for a classification target, or null when classes are balanced. */
export function classImbalance(table: DataTable, target: string): DataWarning | null {
  const column = findColumn(table, target);
  if (!column || column.kind === 'datetime' || inferTask(column) === 'regression') return null;
  const { classes, y } = classTarget(column);
  const counts = new Int32Array(classes.length);
  for (const k of y) if (k >= 0) counts[k]++;
  const present = classes.map((label, k) => ({ label, count: counts[k] })).filter((x) => x.count > 0);
  present.sort((a, b) => b.count - a.count);
  if (present.length < 2) return null;
  const largest = present[0];
  const smallest = present[present.length - 1];
  if (smallest.count / largest.count >= IMBALANCE_RATIO) return null;
  return {
    code: 'class-imbalance',
    column: target,
    message:
      `target "${target}" is imbalanced: class "${smallest.label}" has ${smallest.count} rows against ` +
      `${largest.count} for "${largest.label}"; accuracy will flatter the model, look at F1 and ROC-AUC`,
  };
}
