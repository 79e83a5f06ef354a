import type { ModelSummary } from '../../workers/protocol';

/**
 * What Export's files are for, in plain words first; the commands and formats a developer needs
 * one click away, and only those that apply to the model (a tree has no TF.js network).
 */
export function ExportHelp({ current }: { current: ModelSummary | null }) {
  const network = current?.hasNetwork ?? false;
  return (
    <>
      <p className="help">
        <strong>Export model</strong> saves the model in one file, with every preparation step it learned. Import it here later (or in another browser) to predict new rows again.
        {network ? ' This model is a neural network, so it can also be downloaded for use in other web apps.' : null}
      </p>
      <details className="disclosure">
        <summary>For developers</summary>
        <p className="help">
          The Sapling model file is one JSON file with the recipe, the fitted preprocessing and the model. Predict from a terminal with <code>npm run sapling -- predict model.json data.csv</code>.
        </p>
        {network ? (
          <p className="help">
            The TF.js pair (<code>model.json</code> + <code>weights.bin</code>) is for <code>tf.loadLayersModel</code>; it expects preprocessed features, listed in its metadata.
          </p>
        ) : null}
      </details>
    </>
  );
}
