import { resolveParams } from '../../params';
import { CancelledError, SaplingError } from '../../util/errors';
import { createRng } from '../../util/rng';
import { ENSEMBLE_MEMBERS, ensembleInfo } from '../info';
import { rejectMissing } from '../missing';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { membersOf } from './info';
import { loadEnsemble } from './predict';
import type { EnsembleState } from './state';
export type { EnsembleState } from './state';

/**
 * The soft-voting ensemble over the families `lookup` finds (the registry): fitting fits every
 * member on the same training set, each from a copy of the run's generator, so a member is exactly
 * the model its family would fit alone with the same seed; predicting averages the members'
 * outputs (`averageOutputs`). Loading loads each member through `lookup` (the registry: network
 * members predict by the hand-written forward pass, without TF.js), and disposing the ensemble
 * disposes them all. NaN features are refused at fit and at predict, whatever the members.
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
    load: async (fitted) => loadEnsemble(fitted, (member) => lookup(member.model).load(member)),
  };
}
