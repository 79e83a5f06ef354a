import type { ModelInfo } from '../modelInfo';
import { checkSvmState } from './state';

/** Catalog entry of the linear SVM. */

export const svmInfo = {
  id: 'svm',
  label: 'Linear SVM',
  help: 'A linear boundary placed with the widest margin between the classes (a linear support vector machine trained as liblinear’s LinearSVC: squared hinge loss by default, one-vs-rest for more than two classes). Prefer it with many features, text-like or one-hot data, and classes that a straight boundary nearly separates. Its probabilities come from Platt scaling (a sigmoid per class fitted to the training rows’ decision values, normalised across classes), so they rank well but are rough and often too confident: prefer logistic regression when you need calibrated probabilities. Scale the features first. Cannot take missing values.',
  checkState: checkSvmState,
  tasks: ['binary', 'multiclass'],
  handlesMissing: false,
  schema: {
    C: {
      tune: { min: 1e-3, max: 100, log: true },
      type: 'number',
      label: 'C (inverse regularisation)',
      default: 1,
      min: 1e-4,
      max: 1e4,
      log: true,
      help: 'The price of a training row inside the margin or on the wrong side. Small C accepts more of them for a simpler, wider-margin boundary; large C tries to get every training row right.',
    },
    loss: {
      tune: true,
      type: 'choice',
      label: 'Loss',
      default: 'squared_hinge',
      options: [
        { value: 'squared_hinge', label: 'Squared hinge (LinearSVC’s default)' },
        { value: 'hinge', label: 'Hinge (the textbook SVM)' },
      ],
      help: 'Squared hinge punishes rows inside the margin smoothly and usually trains faster; hinge is the classic SVM loss, less swayed by rows far on the wrong side.',
    },
    maxIterations: {
      type: 'number',
      label: 'Maximum iterations',
      default: 1000,
      min: 1,
      max: 100000,
      integer: true,
      help: 'Upper bound on passes over the training rows per class (dual coordinate descent, Hsieh et al. 2008). Training usually stops earlier, at the tolerance.',
    },
    tolerance: {
      type: 'number',
      label: 'Tolerance',
      default: 1e-4,
      min: 1e-10,
      max: 1e-1,
      log: true,
      help: 'Training stops once the projected gradients of all rows lie within this of each other (liblinear’s stopping rule).',
    },
  },
} as const satisfies ModelInfo;
