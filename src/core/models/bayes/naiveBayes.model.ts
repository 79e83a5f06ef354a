import { SaplingError } from '../../util/errors';
import { naiveBayesInfo } from './info';
import { rejectMissing } from '../missing';
import type { FittedModel } from '../model';
import type { ModelDefinition } from '../definition';
import { type NaiveBayesState, fitNaiveBayes } from './naiveBayes';
import { loadNaiveBayes } from './predict';

/**
 * Naive Bayes classification: Gaussian, or (distribution `auto`) categorical on one-hot encoded
 * columns, Bernoulli on other 0/1 columns and Gaussian on the rest. A class without training rows gets probability 0; one training row is
 * enough (its class then gets probability 1). NaN features are refused at fit and at predict.
 */
export const naiveBayesModel: ModelDefinition<typeof naiveBayesInfo.schema> = {
  ...naiveBayesInfo,
  async fit(train, target, params): Promise<FittedModel<NaiveBayesState>> {
    if (train.n === 0) throw new SaplingError('too-few-rows', 'no rows to fit naive Bayes on');
    rejectMissing(train.X, train.n, train.d, naiveBayesInfo.label, 'training');
    const state = fitNaiveBayes(train, target.classes.length, params);
    const categorical = state.categorical?.filter(Boolean).length ?? 0;
    const yesNo = state.bernoulli.filter(Boolean).length - categorical;
    const groups = new Set(state.categorical?.flatMap((c, j) => (c && train.sources ? [train.sources[j]] : []))).size;
    return {
      model: 'naive-bayes',
      params,
      task: target.task,
      classes: target.classes,
      nFeatures: train.d,
      state,
      history: [],
      stopReason: `estimated in one pass (${train.d - yesNo - categorical} Gaussian, ${yesNo} yes/no feature${yesNo === 1 ? '' : 's'}, ${groups} categorical column${groups === 1 ? '' : 's'} from ${categorical} one-hot indicators)`,
    };
  },
  load: async (fitted) => loadNaiveBayes(fitted),
};
