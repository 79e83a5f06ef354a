import type { KMeansSummary } from '../../../core/models/unsupervised/summary';
import { KSweepChart } from '../../charts/KSweepChart';
import { fmt } from '../../format';
import { ClusterSizes } from './ClusterSizes';
import { NextRunButton } from './NextRunButton';
import { SilhouetteNote } from './SilhouetteNote';

/** k-means on Evaluate: how well the clusters separate and their sizes; the elbow and silhouette over k. */
export function KMeansCards({ summary, stopReason }: { summary: KMeansSummary; stopReason: string }) {
  const scored = summary.elbow.filter((e) => e.silhouette !== null);
  const best = scored.reduce<(typeof scored)[number] | null>((b, e) => (b === null || e.silhouette! > b.silhouette! ? e : b), null);
  const maxK = summary.elbow.at(-1)?.k ?? summary.k;
  return (
    <div className="grid-2">
      <div className="card">
        <h3>The clusters</h3>
        <SilhouetteNote value={summary.silhouette} />
        <p className="muted small">
          Inertia {fmt(summary.inertia)}: the squared distances of the rows to their cluster’s centre, added up (lower is tighter; it always falls as k grows). Training {stopReason}.
        </p>
        <h4>Rows per cluster</h4>
        <ClusterSizes sizes={summary.cluster_sizes} />
      </div>
      <div className="card">
        <h3>Choosing k</h3>
        <p className="help">
          k-means was also fitted for every k from 1 to {maxK} (on {summary.elbow_rows.toLocaleString('en-US')} rows, with fewer restarts). Where the inertia stops falling steeply, the elbow, more clusters stop paying
          for themselves; a higher silhouette means better separated clusters.
        </p>
        <KSweepChart elbow={summary.elbow} k={summary.k} measure="inertia" label="Elbow chart: inertia by k" />
        <KSweepChart elbow={summary.elbow} k={summary.k} measure="silhouette" label="Silhouette by k" height={180} />
        {best ? (
          <p className="small">
            The best silhouette of the sweep is at k = {best.k} ({fmt(Number(best.silhouette!.toFixed(3)))}).
          </p>
        ) : null}
        {best && best.k !== summary.k ? (
          <NextRunButton model="kmeans" param="k" value={best.k}>
            {`Use k = ${best.k}`}
          </NextRunButton>
        ) : null}
      </div>
    </div>
  );
}
