import type { NetworkState } from '../models/model';
import { networkWeightBytes } from '../models/network';
import { SaplingError } from '../util/errors';
import { SAPLING_VERSION, type ModelFile } from './modelFile';

/** The file name the weights take in a TF.js pair; `model.json` refers to it. */
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/**
 * The plain TF.js pair for `tf.loadLayersModel`: `model.json` (topology and weight manifest) and
 * `weights.bin`. The network expects the preprocessed feature vector; `userDefinedMetadata.sapling`
 * lists the features in order and how the outputs read, since the pipeline is not part of the pair.
 */
export function tfjsPair(file: ModelFile): { modelJson: object; weights: Uint8Array } {
  const network = (file.model.state as Partial<NetworkState> | null)?.network;
  if (!network) {
    throw new SaplingError('no-tfjs', `a ${file.model.model} model is not a neural network; the TF.js pair exists only for logistic, linear and MLP models (use the Sapling model file)`);
  }
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `Sapling ${SAPLING_VERSION}`,
      convertedBy: null,
      modelTopology: network.topology,
      weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: network.weightSpecs }],
      userDefinedMetadata: {
        sapling: {
          target: file.problem.target,
          task: file.problem.task,
          classes: file.problem.classes,
          output: network.output,
          features: file.pipeline.features.map((f) => f.name),
          note: 'Inputs are the preprocessed features above, in order (scaled, one-hot encoded). Use the Sapling model file to predict from raw columns.',
        },
      },
    },
    weights: networkWeightBytes(network),
  };
}
