import { checkEntries, checkInteger, checkNumber, checkNumbers, checkObject, checkString, fail } from '../util/check';

/**
 * Checks the parts of a model file's training report that the studio shows as soon as the file is
 * imported (the Export screen's summary line): the test and train metrics (numbers, or null where
 * a metric was undefined, as JSON writes NaN) and the baseline's when there is one, and an unsupervised model's summary of its own kind.
 * A crafted report would otherwise break the page on import rather than be refused.
 */
export function checkReport(x: unknown, model: string, unsupervised: boolean): void {
  const report = checkObject(x, 'report');
  if (unsupervised) {
    checkSummary(report.summary, model);
    return;
  }
  const metrics = checkObject(report.metrics, 'report.metrics');
  for (const part of ['test', 'train']) checkEntries(metrics[part], `report.metrics.${part}`, (v, at) => (v === null ? null : checkNumber(v, at)));
  // The baseline came later: older files have none; a present one is shown beside every score.
  if (report.baseline !== undefined) {
    const baseline = checkObject(report.baseline, 'report.baseline');
    const predicts = baseline.predicts;
    if (typeof predicts !== 'string' && (typeof predicts !== 'number' || !Number.isFinite(predicts))) fail('report.baseline.predicts', 'expected a class name or a finite number');
    checkEntries(baseline.metrics, 'report.baseline.metrics', (v, at) => (v === null ? null : checkNumber(v, at)));
  }
}

/** An unsupervised report's summary: the kind of the model, with the figures the studio prints. */
function checkSummary(x: unknown, model: string): void {
  const summary = checkObject(x, 'report.summary');
  const kind = checkString(summary.kind, 'report.summary.kind', [model]);
  const silhouette = () => summary.silhouette === null || checkNumber(summary.silhouette, 'report.summary.silhouette');
  if (kind === 'kmeans') {
    checkInteger(summary.k, 'report.summary.k', 1, Number.MAX_SAFE_INTEGER);
    silhouette();
  } else if (kind === 'dbscan') {
    checkInteger(summary.clusters, 'report.summary.clusters', 0, Number.MAX_SAFE_INTEGER);
    checkInteger(summary.noise, 'report.summary.noise', 0, Number.MAX_SAFE_INTEGER);
    silhouette();
  } else if (kind === 'pca') {
    const ratios = checkNumbers(summary.cumulative_variance_ratio, 'report.summary.cumulative_variance_ratio');
    checkInteger(summary.components, 'report.summary.components', 1, Math.max(1, ratios.length));
  } else {
    fail('report.summary.kind', `no summary of a ${JSON.stringify(kind)} model is known`);
  }
}
