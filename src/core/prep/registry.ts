import { SaplingError } from '../util/errors';
import { dropColumnsStep } from './dropColumns';
import { imputeStep } from './impute';
import { oneHotStep } from './oneHot';
import { pcaStep } from './pca';
import { scaleStep } from './scale';
import type { StepDefinition } from './step';
import { aggregateStep } from './steps/aggregate';
import { clipStep } from './steps/clip';
import { dropDuplicatesStep } from './steps/dropDuplicates';
import { missingIndicatorStep } from './steps/missingIndicator';
import { rareCategoriesStep } from './steps/rareCategories';
import { targetEncodeStep } from './steps/targetEncode';
import { tfidfStep } from './steps/tfidf';

/** Every preprocessing step, by id, in the order a recipe applies them (and the studio lists them). */
export const STEP_REGISTRY: readonly StepDefinition[] = [
  dropColumnsStep as unknown as StepDefinition,
  imputeStep as unknown as StepDefinition,
  scaleStep as unknown as StepDefinition,
  oneHotStep as unknown as StepDefinition,
  pcaStep as unknown as StepDefinition,
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
