import { basename } from 'node:path';
import type { ModelDefinition } from '../../core/models/model';
import type { UnsupervisedSummary } from '../../core/models/unsupervised/summary';
import { defaultRecipe } from '../../core/prep/recipe';
import { recipeFacts } from '../../core/profile/profile';
import { isUnsupervised } from '../../core/problem';
import { runUnsupervised } from '../../core/train/runUnsupervised';
import type { DataTable } from '../../core/table/DataTable';
import type { RawParams } from '../../core/params';
import type { ReadSettings } from '../../core/ingest/reader';
import { num, table as columns } from '../format';
import { writeOut } from '../io';

/** `sapling train <data.csv> --model kmeans|dbscan|pca` (no target): fits on every row and reports what it found. */
export async function trainWithoutTarget(path: string, data: DataTable, model: ModelDefinition, params: RawParams, seed: number, options: { out?: string; report?: string; read?: ReadSettings }): Promise<void> {
  const task = model.tasks.find(isUnsupervised)!;
  const recipe = defaultRecipe(recipeFacts(data), null);
  const dropped = (recipe.steps[0].params?.columns as string[]) ?? [];
  console.log(`fitting ${model.label} (${model.id}) on ${basename(path)}: ${data.rowCount} rows, no target (${task}), seed ${seed}`);
  if (dropped.length) console.log(`leaving out columns: ${dropped.join(', ')}`);
  const read = options.read && Object.keys(options.read).length ? { read: options.read } : {};
  const { file, report } = await runUnsupervised(data, { task, recipe, model: { id: model.id, params }, seed, ...read });
  console.log(`${report.stop_reason}; ${report.rows} rows, ${report.features} features`);
  console.log('');
  console.log(formatSummary(report.summary));
  console.log(`\ntime: ${num(report.timings_ms.total)} ms (prepare ${num(report.timings_ms.prepare)}, fit ${num(report.timings_ms.train)}, summarise ${num(report.timings_ms.evaluate)})`);
  if (options.out) {
    writeOut(options.out, JSON.stringify(file));
    console.log(`model written to ${options.out}`);
  }
  if (options.report) {
    writeOut(options.report, JSON.stringify(report, null, 2) + '\n');
    console.log(`report written to ${options.report}`);
  }
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
