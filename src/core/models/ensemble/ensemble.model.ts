import { resolveParams } from '../../params';
import { CancelledError, SaplingError } from '../../util/errors';
import { createRng } from '../../util/rng';
import { ENSEMBLE_MEMBERS, ensembleInfo } from '../info';
import { rejectMissing } from '../missing';
import type { FittedModel, Predictor } from '../model';
import type { ModelDefinition } from '../definition';
import { averageOutputs } from './average';
import { membersOf } from './info';
import type { EnsembleState } from './state';
export type { EnsembleState } from './state';

/**
 * The soft-voting ensemble over the families `lookup` finds (the registry): fitting fits every
 * member on the same training set, each from a copy of the run's generator, so a member is exactly
 * the model its family would fit alone with the same seed; predicting averages the members'
 * outputs (`averageOutputs`). Loading loads each member through `lookup`, and disposing the
 * ensemble disposes them all (the TF.js members hold tensors). NaN features are refused at fit and
 * at predict, whatever the members.
 */
export function ensembleModel(lookup: (id: string) => ModelDefinition): ModelDefinition<typeof ensembleInfo.schema> {
  return {
    ...ensembleInfo,
    async fit(train, target, params, ctx): Promise<FittedModel<EnsembleState>> {
      if (train.n === 0) throw new SaplingError('too-few-rows', 'no rows to fit an ensemble on');
      rejectMissing(train.X, train.n, train.d, ensembleInfo.label, 'training');
      const specs = membersOf(params, ENSEMBLE_MEMBERS, target.task);
      // Generators without fork (none of Sapling's): every member from one drawn seed.
      const seed = ctx.rng.fork ? 0 : ctx.rng.uint32();
      const members: FittedModel[] = [];
      for (const spec of specs) {
        if (ctx.shouldStop?.()) throw new CancelledError();
        const definition = lookup(spec.model);
        const memberParams = resolveParams(definition.schema, spec.params, `ensemble member "${spec.model}"`);
        const rng = ctx.rng.fork?.() ?? createRng(seed);
        members.push(await definition.fit(train, target, memberParams, { rng, host: ctx.host, shouldStop: ctx.shouldStop, yieldToEvents: ctx.yieldToEvents }));
      }
      return {
        model: ensembleInfo.id,
        params,
        task: target.task,
        classes: target.classes,
        nFeatures: train.d,
        state: { members },
        history: [],
        stopReason: `averages ${members.length} model${members.length === 1 ? '' : 's'}: ${members.map((m) => `${lookup(m.model).label} (${m.stopReason})`).join('; ')}`,
      };
    },
    async load(fitted) {
      const state = fitted.state as EnsembleState;
      if (!Array.isArray(state?.members) || !state.members.length) throw new SaplingError('bad-model-file', 'the ensemble holds no members');
      state.members.forEach((member, i) => checkMember(member, i, fitted));
      const predictors: Predictor[] = [];
      try {
        for (const member of state.members) predictors.push(await lookup(member.model).load(member));
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
