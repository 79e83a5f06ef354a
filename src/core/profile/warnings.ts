import { type DataTable, findColumn } from '../table/DataTable';
import { classTarget, inferTask } from '../problem';
import { countDuplicateRows } from './duplicates';
import type { DataWarning } from '../warnings';
import type { ColumnProfile } from './columnProfile';

/** Share of missing values from which a column is flagged. */
export const HEAVY_MISSING_SHARE = 0.3;
/** Smallest-to-largest class ratio below which a target is flagged as imbalanced. */
export const IMBALANCE_RATIO = 0.2;

/** Distinct categories above which (and above this share of rows) a column counts as high-cardinality. */
export const HIGH_CARDINALITY = 100;
const HIGH_CARDINALITY_SHARE = 0.1;

/**
 * Warnings about the data as a whole: unusable columns, duplicate rows and, given a target, class
 * imbalance. Each that a recipe change answers carries that change as its `fix`.
 */
export function profileWarnings(table: DataTable, columns: readonly ColumnProfile[], target?: string): DataWarning[] {
  const warnings: DataWarning[] = [];
  for (const c of columns) {
    const at = `column "${c.name}"`;
    const drop = { kind: 'drop-column', column: c.name } as const;
    if (c.missing === table.rowCount) {
      warnings.push({ code: 'all-missing', column: c.name, message: `${at} has no values at all`, fix: drop });
      continue;
    }
    if (c.unique <= 1) {
      warnings.push({ code: 'constant', column: c.name, message: `${at} has a single value; it carries no information`, fix: drop });
    }
    if (c.type === 'id') {
      warnings.push({ code: 'id-like', column: c.name, message: `${at} looks like an identifier (every value distinct); models cannot learn from it`, fix: drop });
    } else if (c.kind === 'categorical' && c.unique > HIGH_CARDINALITY && c.unique > HIGH_CARDINALITY_SHARE * table.rowCount) {
      warnings.push({
        code: 'high-cardinality',
        column: c.name,
        message: `${at} has ${c.unique.toLocaleString('en-US')} distinct values; one-hot encoding keeps the most frequent and groups the rest`,
        fix: drop,
      });
    }
    const share = c.missing / table.rowCount;
    if (share >= HEAVY_MISSING_SHARE) {
      warnings.push({
        code: 'heavy-missing',
        column: c.name,
        message: `${at} is ${Math.round(share * 100)}% missing (${c.missing} of ${table.rowCount} rows)`,
        fix: drop,
      });
    }
  }
  const duplicates = countDuplicateRows(table);
  if (duplicates > 0) {
    warnings.push({
      code: 'duplicate-rows',
      message: `${duplicates.toLocaleString('en-US')} row${duplicates === 1 ? ' repeats' : 's repeat'} an earlier row exactly; duplicates can land in both the training and the test set and flatter the score`,
      fix: { kind: 'drop-duplicates' },
    });
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
      `${largest.count} for "${largest.label}"; accuracy will flatter the model, look at F1 and ROC-AUC, and split stratified so both sets get the rare class`,
    fix: { kind: 'stratify' },
  };
}

/** Strength (|r|, η or Cramér's V) from which a single feature looks like a leak of the target. */
export const LEAKAGE_STRENGTH = 0.99;

/** Features that predict the target almost perfectly on their own: often the target in disguise. */
export function leakageWarnings(relations: readonly { feature: string; strength: number; measure: string }[], target: string): DataWarning[] {
  return relations
    .filter((r) => r.strength >= LEAKAGE_STRENGTH)
    .map((r) => ({
      code: 'leakage-suspect',
      column: r.feature,
      message:
        `column "${r.feature}" predicts "${target}" almost perfectly on its own (${r.measure === 'pearson' ? '|r|' : r.measure === 'eta' ? 'η' : "Cramér's V"} = ${r.strength.toFixed(3)}); ` +
        'if it is only known after the outcome, or is the target in another form, leave it out',
      fix: { kind: 'drop-column', column: r.feature } as const,
    }));
}
