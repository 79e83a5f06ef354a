import { networkWeightBytes } from '../models/network';
import { SAPLING_VERSION, type ModelFile } from './modelFile';

/** The file name the weights take in a TF.js pair; `model.json` refers to it. */
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/**
 * The plain TF.js pair for `tf.loadLayersModel`: `model.json` (topology and weight manifest) and
 * `weights.bin`. The network expects the preprocessed feature vector; `userDefinedMetadata.sapling`
 * lists the features in order and how the outputs read, since the pipeline is not part of the pair.
 */
export function tfjsPair(file: ModelFile): { modelJson: object; weights: Uint8Array } {
  const network = file.model.network;
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
