import type { ParamsOf } from '../../params';
import { treeInfo } from './info';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { binFeatures } from './binning';
import { type TreeEnsembleState, cartCriterion, cartTarget, featuresPerSplit, fitOneTree, normalise } from './learners';
import { loadTreeEnsemble } from './predict';
import { treeShape } from './tree';

type TreeParams = ParamsOf<typeof treeInfo.schema>;

/** A single CART decision tree (classification or regression). */
export const treeModel: ModelDefinition<typeof treeInfo.schema> = {
  ...treeInfo,
  async fit(train, target, params: TreeParams, ctx): Promise<FittedModel<TreeEnsembleState>> {
    const data = binFeatures(train.X, train.n, train.d);
    const maxFeatures = featuresPerSplit(params.maxFeatures, train.d, target);
    const { tree, gains } = fitOneTree(data, cartTarget(train, target), cartCriterion(target, params.criterion), params, maxFeatures, ctx.rng);
    const shape = treeShape(tree);
    return {
      model: 'tree',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: train.d,
      state: { trees: [tree] },
      history: [],
      stopReason: `grew ${shape.leaves} leaves, ${shape.depth} deep`,
      importance: normalise(gains),
    };
  },
  load: async (fitted) => loadTreeEnsemble(fitted),
};
