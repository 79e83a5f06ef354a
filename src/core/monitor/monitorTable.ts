// Monitoring a table: predicts the current rows (and a reference CSV's rows) with the core's
// model loader, then runs monitor.ts on them. Kept apart from monitor.ts so that what imports only
// the analysis (the server) does not pull in the model registry and TF.js.
import type { AnyModelFile } from '../artifact/modelFile';
import { predictTable, usingModel } from '../artifact/predict';
import type { DataTable } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import { monitorWith, requireInputs, resolveOptions, sketchBaseline, tableBaseline } from './monitor';
import { referenceFromTable } from './reference';
import type { MonitorOptions, MonitorReport } from './types';

/**
 * Monitors `current` against the model file's reference, or against `referenceTable` (raw rows:
 * every statistic exact) when given. Predicts the current rows (and the reference rows) itself.
 */
export async function monitorTable(file: AnyModelFile, current: DataTable, options: MonitorOptions = {}, referenceTable?: DataTable): Promise<MonitorReport> {
  const settings = resolveOptions(options);
  if (!referenceTable && !file.monitoring) {
    throw new SaplingError('no-reference', `this model file (version ${file.version}) carries no reference; pass --reference train.csv`);
  }
  requireInputs(file, current, 'the current rows');
  if (referenceTable) requireInputs(file, referenceTable, 'the reference rows');
  return usingModel(file, (model) => {
    const predictions = predictTable(model, current);
    if (!referenceTable) return monitorWith(file, current, predictions, sketchBaseline(file, file.monitoring!), settings);
    // A file without its own reference takes its performance (metrics, chunks, calibration) from the reference rows' labels.
    const performanceFrom = file.monitoring ?? referenceFromTable(file, referenceTable, model);
    const baseline = tableBaseline(file, referenceTable, predictTable(model, referenceTable), performanceFrom);
    return monitorWith(file, current, predictions, baseline, settings);
  });
}
