import { SaplingError } from '../../util/errors';
import { ENSEMBLE_MEMBERS, ensembleInfo } from '../info';
import { rejectMissing } from '../missing';
import type { FittedModel, Predictor } from '../model';
import { averageOutputs } from './average';
import type { EnsembleState } from './state';

/** Loads one member's predictor from its fitted model (through the registry, or the runtime's family map). */
export type MemberLoader = (member: FittedModel) => Promise<Predictor>;

/**
 * The soft-voting ensemble's predictor from its fitted state: each member loaded by `loadMember`,
 * their outputs averaged (`averageOutputs`); disposing it disposes them all (TF.js members hold
 * tensors). NaN features are refused, whatever the members.
 */
export async function loadEnsemble(fitted: FittedModel, loadMember: MemberLoader): Promise<Predictor> {
  const state = fitted.state as EnsembleState;
  if (!Array.isArray(state?.members) || !state.members.length) throw new SaplingError('bad-model-file', 'the ensemble holds no members');
  state.members.forEach((member, i) => checkMember(member, i, fitted));
  const predictors: Predictor[] = [];
  try {
    for (const member of state.members) predictors.push(await loadMember(member));
  } catch (e) {
    for (const p of predictors) p.dispose();
    throw e;
  }
  const d = fitted.nFeatures;
  return {
    outputs(X, n) {
      rejectMissing(X, n, d, ensembleInfo.label, 'prediction');
      return averageOutputs(predictors.map((p) => p.outputs(X, n)));
    },
    dispose() {
      for (const p of predictors) p.dispose();
    },
  };
}

/**
 * A member read from a file must be one the ensemble can hold and predict what the ensemble
 * predicts (a clustering member's cluster numbers would otherwise be averaged as values).
 */
function checkMember(member: FittedModel, i: number, ensemble: FittedModel): void {
  const where = `the ensemble's member ${i + 1}`;
  if (!member || typeof member !== 'object' || !ENSEMBLE_MEMBERS.some((m) => m.id === member.model)) {
    throw new SaplingError('bad-model-file', `${where} is ${JSON.stringify(member?.model)}; an ensemble holds ${ENSEMBLE_MEMBERS.map((m) => m.id).join(', ')}`);
  }
  const same = member.task === ensemble.task && member.nFeatures === ensemble.nFeatures && JSON.stringify(member.classes) === JSON.stringify(ensemble.classes);
  if (!same) throw new SaplingError('bad-model-file', `${where} (${member.model}) does not predict what the ensemble predicts (task, classes or features differ)`);
}
