import { basename } from 'node:path';
import { getModel } from '../../core/models/registry';
import type { UnsupervisedSummary } from '../../core/models/unsupervised/summary';
import { runUnsupervised } from '../../core/train/runUnsupervised';
import type { DataTable } from '../../core/table/DataTable';
import type { UnsupervisedConfig } from '../../core/train/config';
import { num, table as columns } from '../format';
import { droppedColumns } from '../stepsFile';

/**
 * `sapling train <data.csv> --model kmeans|dbscan|pca` (no target): fits `config` on every row and
 * prints what it found; returns the file and report for the caller to write.
 */
export async function trainWithoutTarget(path: string, data: DataTable, config: UnsupervisedConfig) {
  const model = getModel(config.model.id);
  const dropped = droppedColumns(config.recipe.steps);
  console.log(`fitting ${model.label} (${model.id}) on ${basename(path)}: ${data.rowCount} rows, no target (${config.task}), seed ${config.seed}`);
  if (dropped.length) console.log(`leaving out columns: ${dropped.join(', ')}`);
  const trained = await runUnsupervised(data, config);
  const { report } = trained;
  console.log(`${report.stop_reason}; ${report.rows} rows, ${report.features} features`);
  console.log('');
  console.log(formatSummary(report.summary));
  console.log(`\ntime: ${num(report.timings_ms.total)} ms (prepare ${num(report.timings_ms.prepare)}, fit ${num(report.timings_ms.train)}, summarise ${num(report.timings_ms.evaluate)})`);
  return trained;
}

/** The figures of an unsupervised report as terminal text. */
export function formatSummary(summary: UnsupervisedSummary): string {
  switch (summary.kind) {
    case 'kmeans': {
      const elbow = [['k', 'inertia', 'silhouette'], ...summary.elbow.map((e) => [String(e.k), num(e.inertia), e.silhouette === null ? '' : num(e.silhouette)])];
      return [
        `clusters: ${summary.k}  inertia: ${num(summary.inertia)}  silhouette: ${summary.silhouette === null ? 'n/a' : num(summary.silhouette)}`,
        `cluster sizes: ${summary.cluster_sizes.join(', ')}`,
        '',
        `elbow (on ${summary.elbow_rows} rows):`,
        columns(elbow),
      ].join('\n');
    }
    case 'dbscan':
      return [
        `eps: ${num(summary.eps)}${summary.eps_automatic ? ' (automatic, from the k-distance curve)' : ` (the k-distance curve suggests ${num(summary.suggested_eps)})`}  min samples: ${summary.min_samples}`,
        `clusters: ${summary.clusters}  noise rows: ${summary.noise}  silhouette: ${summary.silhouette === null ? 'n/a' : num(summary.silhouette)}`,
        `cluster sizes: ${summary.cluster_sizes.join(', ') || 'none'}`,
      ].join('\n');
    case 'pca': {
      const rows = [['component', 'explained', 'cumulative'], ...summary.explained_variance_ratio.slice(0, 20).map((r, i) => [`pc${i + 1}${i < summary.components ? ' (kept)' : ''}`, `${(r * 100).toFixed(1)}%`, `${(summary.cumulative_variance_ratio[i] * 100).toFixed(1)}%`])];
      return [`components kept: ${summary.components}`, '', columns(rows)].join('\n');
    }
  }
}
