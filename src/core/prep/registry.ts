import { SaplingError } from '../util/errors';
import { dropColumnsStep } from './dropColumns';
import { imputeStep } from './impute';
import { oneHotStep } from './oneHot';
import { pcaStep } from './pca';
import { scaleStep } from './scale';
import { binsStep } from './steps/bins';
import { polynomialStep } from './steps/polynomial';
import { powerStep } from './steps/power';
import { dropCorrelatedStep } from './steps/dropCorrelated';
import { rfeStep } from './steps/rfe';
import { selectFromModelStep } from './steps/selectFromModel';
import { selectKBestStep } from './steps/selectKBest';
import { varianceThresholdStep } from './steps/varianceThreshold';
import type { StepDefinition } from './step';
import { datePartsStep } from './steps/dateParts';
import { formulaStep } from './steps/formula';
import { aggregateStep } from './steps/aggregate';
import { clipStep } from './steps/clip';
import { dropDuplicatesStep } from './steps/dropDuplicates';
import { missingIndicatorStep } from './steps/missingIndicator';
import { rareCategoriesStep } from './steps/rareCategories';
import { targetEncodeStep } from './steps/targetEncode';
import { tfidfStep } from './steps/tfidf';

/** Every preprocessing step, by id (the order the studio lists them in; a recipe orders its own steps). */
export const STEP_REGISTRY: readonly StepDefinition[] = [
  dropColumnsStep as unknown as StepDefinition,
  imputeStep as unknown as StepDefinition,
  scaleStep as unknown as StepDefinition,
  oneHotStep as unknown as StepDefinition,
  pcaStep as unknown as StepDefinition,
  datePartsStep as unknown as StepDefinition,
  formulaStep as unknown as StepDefinition,
  polynomialStep as unknown as StepDefinition,
  binsStep as unknown as StepDefinition,
  powerStep as unknown as StepDefinition,
  varianceThresholdStep as unknown as StepDefinition,
  dropCorrelatedStep as unknown as StepDefinition,
  selectKBestStep as unknown as StepDefinition,
  selectFromModelStep as unknown as StepDefinition,
  rfeStep as unknown as StepDefinition,
  dropDuplicatesStep as unknown as StepDefinition,
  missingIndicatorStep as unknown as StepDefinition,
  rareCategoriesStep as unknown as StepDefinition,
  clipStep as unknown as StepDefinition,
  targetEncodeStep as unknown as StepDefinition,
  tfidfStep as unknown as StepDefinition,
  aggregateStep as unknown as StepDefinition,
];

/** The step registered under `id`; an error listing the known ids otherwise. */
export function getStep(id: string): StepDefinition {
  const step = STEP_REGISTRY.find((s) => s.id === id);
  if (!step) throw new SaplingError('unknown-step', `unknown preprocessing step "${id}" (known: ${STEP_REGISTRY.map((s) => s.id).join(', ')})`);
  return step;
}
