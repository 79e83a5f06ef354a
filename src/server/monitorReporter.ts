import type { Predictions } from '../core/artifact/predictTable';
import { monitorPredicted } from '../core/monitor/monitor';
import type { OutputRow, SaplingModel } from '../runtime';
import { rowsToTable } from '../runtime/rows';
import type { MonitorReporter } from './monitoring';

/**
 * The server's drift report of a window: its rows read as the model read them (the runtime's
 * reader), its predictions as served, tested against the model file's own reference by the
 * monitoring engine (Evidently's test choice, CBPE for the estimated performance).
 */
export const monitorReporter: MonitorReporter = async (model, window) => {
  const table = rowsToTable(window.inputs, model.file.pipeline.inputs);
  return monitorPredicted(model.file, table, predictionsFromRows(model, window.outputs));
};

/**
 * The core's Predictions of a window's rows from the predictions the server answered with (the
 * runtime's rows: labels and probabilities of a classifier, values of a regression, clusters,
 * components), so the report tests what was served without predicting the rows again. The numbers
 * are the answers' (probabilities to 6 significant digits, values to 7), well within what the tests
 * and CBPE can tell apart.
 */
export function predictionsFromRows(model: SaplingModel, rows: readonly OutputRow[]): Predictions {
  const n = rows.length;
  const classes = model.classes;
  switch (model.task) {
    case 'clustering':
      return { rows: n, classes, clusters: Int32Array.from(rows, (r) => Number(r.cluster)) };
    case 'projection': {
      const k = model.outputColumns.length;
      const projection = new Float32Array(n * k);
      rows.forEach((r, i) => model.outputColumns.forEach((c, j) => (projection[i * k + j] = Number(r[c]))));
      return { rows: n, classes, projection, components: k };
    }
    case 'regression':
      return { rows: n, classes, values: Float32Array.from(rows, (r) => Number(r.prediction)) };
    default: {
      const k = classes.length;
      const keys = classes.map((c) => `proba_${c}`);
      const proba = new Float32Array(n * k);
      rows.forEach((r, i) => keys.forEach((key, j) => (proba[i * k + j] = Number(r[key]))));
      return { rows: n, classes, labels: rows.map((r) => String(r.prediction)), proba };
    }
  }
}
