import type { StepDefinition } from '../../core/prep/step';

/** The add-step menu's groups, in order. */
export const STEP_GROUPS = ['clean', 'encode', 'transform', 'make columns', 'select'] as const;
export type StepGroup = (typeof STEP_GROUPS)[number];

/** Where each known step is listed; a step not named here (a new one) is listed under its own `group`, else "transform". */
const GROUP_OF: Readonly<Record<string, StepGroup>> = {
  impute: 'clean',
  'missing-indicator': 'clean',
  'rare-categories': 'clean',
  clip: 'clean',
  'drop-duplicates': 'clean',
  'one-hot': 'encode',
  'target-encode': 'encode',
  bins: 'encode',
  tfidf: 'encode',
  scale: 'transform',
  power: 'transform',
  pca: 'transform',
  'date-parts': 'make columns',
  polynomial: 'make columns',
  formula: 'make columns',
  aggregate: 'make columns',
  'drop-columns': 'select',
  'variance-threshold': 'select',
  'drop-correlated': 'select',
  'select-k-best': 'select',
  'select-from-model': 'select',
  rfe: 'select',
};

/** The menu group of a step. */
export function groupOf(def: StepDefinition): StepGroup {
  const own = (def as StepDefinition & { group?: string }).group;
  if (own && (STEP_GROUPS as readonly string[]).includes(own)) return own as StepGroup;
  return GROUP_OF[def.id] ?? 'transform';
}
