import type { ExtraColumn } from '../ingest/writeCsv';
import { getModel } from '../models/registry';
import type { AnyModelFile } from './modelFile';
import type { LoadedModel, Predictions } from './predictTable';

export type { LoadedModel, Predictions } from './predictTable';
export { predictTable } from './predictTable';

/** Rebuilds a model file's fitted model so it can predict. */
export async function loadModel<F extends AnyModelFile>(file: F): Promise<LoadedModel<F>> {
  const predictor = await getModel(file.model.model).load(file.model);
  return { file, predictor, dispose: () => predictor.dispose() };
}

/** Loads a model file, lends it to `use`, and frees its tensors afterwards, whatever happens. */
export async function usingModel<F extends AnyModelFile, T>(file: F, use: (model: LoadedModel<F>) => T | Promise<T>): Promise<T> {
  const model = await loadModel(file);
  try {
    return await use(model);
  } finally {
    model.dispose();
  }
}

/**
 * The columns appended to a predictions CSV: `prediction`, then `proba_<class>` per class; for a
 * clustering model `cluster` (−1 = noise); for a projection `pc1`, `pc2`, ….
 */
export function predictionColumns(p: Predictions): ExtraColumn[] {
  if (p.clusters) {
    const clusters = p.clusters;
    return [{ name: 'cluster', cell: (i) => String(clusters[i]) }];
  }
  if (p.projection) {
    const values = p.projection;
    const k = p.components ?? 0;
    return Array.from({ length: k }, (_, c) => ({ name: `pc${c + 1}`, cell: (i: number) => String(Number(values[i * k + c].toPrecision(7))) }));
  }
  if (p.values) {
    const values = p.values;
    // float32 carries ~7 significant digits; printing more would only show rounding noise.
    return [{ name: 'prediction', cell: (i) => String(Number(values[i].toPrecision(7))) }];
  }
  const labels = p.labels ?? [];
  const proba = p.proba ?? new Float32Array(0);
  const k = p.classes.length;
  return [
    { name: 'prediction', cell: (i) => labels[i] },
    ...p.classes.map((c, j) => ({ name: `proba_${c}`, cell: (i: number) => proba[i * k + j].toPrecision(6) })),
  ];
}
