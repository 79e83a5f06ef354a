import type { Predictions } from '../core/artifact/predictTable';
import { SaplingError } from '../core/util/errors';
import type { OutputRow, SaplingModel } from '../runtime';
import type { MonitorReporter } from './monitoring';

/**
 * The server's drift report of a window. Interim: the monitoring engine (core/monitor/monitor.ts,
 * branch wt-engine) is not merged yet, so every report is refused; the window, the route and the
 * gauges work around it and are tested with stand-in reporters.
 */
export const monitorReporter: MonitorReporter = async () => {
  throw new SaplingError('no-engine', 'the monitoring engine is not in this build yet');
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
