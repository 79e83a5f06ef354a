import { SaplingError } from '../util/errors';
import { dropColumnsStep } from './dropColumns';
import { imputeStep } from './impute';
import { oneHotStep } from './oneHot';
import { pcaStep } from './pca';
import { scaleStep } from './scale';
import { binsStep } from './steps/bins';
import { polynomialStep } from './steps/polynomial';
import { powerStep } from './steps/power';
import type { StepDefinition } from './step';

/** Every preprocessing step, by id, in the order a recipe applies them (and the studio lists them). */
export const STEP_REGISTRY: readonly StepDefinition[] = [
  dropColumnsStep as unknown as StepDefinition,
  imputeStep as unknown as StepDefinition,
  scaleStep as unknown as StepDefinition,
  oneHotStep as unknown as StepDefinition,
  pcaStep as unknown as StepDefinition,
  polynomialStep as unknown as StepDefinition,
  binsStep as unknown as StepDefinition,
  powerStep as unknown as StepDefinition,
];

/** The step registered under `id`; an error listing the known ids otherwise. */
export function getStep(id: string): StepDefinition {
  const step = STEP_REGISTRY.find((s) => s.id === id);
  if (!step) throw new SaplingError('unknown-step', `unknown preprocessing step "${id}" (known: ${STEP_REGISTRY.map((s) => s.id).join(', ')})`);
  return step;
}
