import { type DataTable, dropColumns, getColumn } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import { dropColumnsTransform } from './dropColumns.transform';
import { imputeTransform } from './impute.transform';
import { oneHotTransform } from './oneHot.transform';
import { pcaTransform } from './pca.transform';
import type { FeatureInfo, FittedPipeline } from './pipeline';
import { scaleTransform } from './scale.transform';
import { type StepTransform } from './step';
import { datePartsTransform } from './steps/dateParts.transform';
import { formulaTransform } from './steps/formula.transform';
import { binsTransform } from './steps/bins.transform';
import { polynomialTransform } from './steps/polynomial.transform';
import { powerTransform } from './steps/power.transform';
import { dropCorrelatedTransform } from './steps/dropCorrelated.transform';
import { rfeTransform } from './steps/rfe.transform';
import { selectFromModelTransform } from './steps/selectFromModel.transform';
import { selectKBestTransform } from './steps/selectKBest.transform';
import { varianceThresholdTransform } from './steps/varianceThreshold.transform';
import { aggregateTransform } from './steps/aggregate.transform';
import { clipTransform } from './steps/clip.transform';
import { dropDuplicatesTransform } from './steps/dropDuplicates.transform';
import { missingIndicatorTransform } from './steps/missingIndicator.transform';
import { rareCategoriesTransform } from './steps/rareCategories.transform';
import { targetEncodeTransform } from './steps/targetEncode.transform';
import { tfidfTransform } from './steps/tfidf.transform';

/**
 * Replaying a fitted pipeline on new rows, from the steps' prediction halves alone
 * (`<step>.transform.ts`): what the CLI, the studio and the prediction runtime run before a model,
 * without the steps' fitting code or schemas.
 */

/** Every step's prediction half, by id (the same ids, in the same order, as `STEP_REGISTRY`). */
export const STEP_TRANSFORMS: readonly StepTransform[] = [
  dropColumnsTransform as unknown as StepTransform,
  imputeTransform as unknown as StepTransform,
  scaleTransform as unknown as StepTransform,
  oneHotTransform as unknown as StepTransform,
  pcaTransform as unknown as StepTransform,
  datePartsTransform as unknown as StepTransform,
  formulaTransform as unknown as StepTransform,
  polynomialTransform as unknown as StepTransform,
  binsTransform as unknown as StepTransform,
  powerTransform as unknown as StepTransform,
  varianceThresholdTransform as unknown as StepTransform,
  dropCorrelatedTransform as unknown as StepTransform,
  selectKBestTransform as unknown as StepTransform,
  selectFromModelTransform as unknown as StepTransform,
  rfeTransform as unknown as StepTransform,
  dropDuplicatesTransform as unknown as StepTransform,
  missingIndicatorTransform as unknown as StepTransform,
  rareCategoriesTransform as unknown as StepTransform,
  clipTransform as unknown as StepTransform,
  targetEncodeTransform as unknown as StepTransform,
  tfidfTransform as unknown as StepTransform,
  aggregateTransform as unknown as StepTransform,
];

/** The prediction half of the step registered under `id`; an error listing the known ids otherwise. */
export function getStepTransform(id: string): StepTransform {
  const step = STEP_TRANSFORMS.find((s) => s.id === id);
  if (!step) throw new SaplingError('unknown-step', `unknown preprocessing step "${id}" (known: ${STEP_TRANSFORMS.map((s) => s.id).join(', ')})`);
  return step;
}

/** Replays a fitted pipeline on new rows; a required input column that is absent is an error. */
export function transformPipeline(fitted: FittedPipeline, table: DataTable): DataTable {
  const present = new Set(table.columns.map((c) => c.name));
  const missing = fitted.inputs.filter((c) => !present.has(c.name)).map((c) => `"${c.name}"`);
  if (missing.length) {
    throw new SaplingError('missing-columns', `the data lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the model needs`);
  }
  const wanted = new Set(fitted.inputs.map((c) => c.name));
  let out = dropColumns(table, table.columns.filter((c) => !wanted.has(c.name)).map((c) => c.name));
  for (const input of fitted.inputs) {
    const kind = getColumn(out, input.name).kind;
    if (kind !== input.kind) {
      throw new SaplingError('wrong-kind', `column "${input.name}" is ${kind} here but the model was trained on it as ${input.kind}`);
    }
  }
  // Transforms read only their fitted state, never their parameters: a step's parameters only
  // shape what `fit` learns.
  for (const step of fitted.steps) out = getStepTransform(step.step).transform(out, step.state);
  return out;
}

/**
 * The model input matrix, row-major float32, in the fitted feature order. Missing values are an
 * error that names the column and the first row, since models here cannot take NaN.
 */
export function toMatrix(table: DataTable, features: readonly FeatureInfo[]): Float32Array {
  const n = table.rowCount;
  const d = features.length;
  const out = new Float32Array(n * d);
  features.forEach((f, j) => {
    const column = getColumn(table, f.name);
    if (column.kind !== 'numeric' && column.kind !== 'boolean') throw new SaplingError('not-numeric', `feature "${f.name}" is not numeric`);
    const values = column.values;
    // Missing is NaN in a numeric column, −1 in a boolean one (isMissingAt), tested inline: this
    // loop copies every value of the training matrix.
    const numeric = column.kind === 'numeric';
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (numeric ? v !== v : v < 0) {
        throw new SaplingError('missing-values', `column "${f.source}" has missing values (first at data row ${i + 1}); add a "Fill missing values" step`);
      }
      out[i * d + j] = v;
    }
  });
  return out;
}
