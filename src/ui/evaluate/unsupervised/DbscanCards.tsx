import type { DbscanSummary } from '../../../core/models/unsupervised/summary';
import { KDistanceChart } from '../../charts/KDistanceChart';
import { fmt } from '../../format';
import { ClusterSizes } from './ClusterSizes';
import { NextRunButton } from './NextRunButton';
import { SilhouetteNote } from './SilhouetteNote';

/** DBSCAN on Evaluate: clusters, noise and sizes; the k-distance curve that helps choose eps. */
export function DbscanCards({ summary, rows }: { summary: DbscanSummary; rows: number }) {
  const eps = Number(summary.suggested_eps.toPrecision(4));
  return (
    <div className="grid-2">
      <div className="card">
        <h3>The clusters</h3>
        <div className="facts">
          <Fact label="Clusters" value={String(summary.clusters)} />
          <Fact label="Noise rows" value={`${summary.noise.toLocaleString('en-US')} (${Math.round((summary.noise / Math.max(1, rows)) * 100)}%)`} />
          <Fact label="eps" value={`${fmt(summary.eps)}${summary.eps_automatic ? ' (automatic)' : ''}`} />
          <Fact label="Minimum neighbours" value={String(summary.min_samples)} />
        </div>
        <SilhouetteNote value={summary.silhouette} noise={summary.noise} />
        <h4>Rows per cluster</h4>
        <ClusterSizes sizes={summary.cluster_sizes} noise={summary.noise} />
        <p className="muted small">Noise rows are in no dense region: no cluster is close enough to claim them.</p>
      </div>
      <div className="card">
        <h3>Choosing eps</h3>
        <p className="help">
          For each row (of up to 2,000), the distance to its {summary.min_samples}th nearest neighbour (itself included), sorted. A larger eps merges clusters and leaves less noise; a smaller one splits them and calls
          more rows noise.
        </p>
        <KDistanceChart curve={summary.k_distance} k={summary.min_samples} eps={summary.eps} suggested={summary.suggested_eps} />
        <p className="small">
          {summary.eps_automatic
            ? `eps was chosen automatically at the bend: ${fmt(summary.eps)}. Fix it there to tune around it.`
            : `This model used eps ${fmt(summary.eps)}; the bend of the curve suggests ${fmt(summary.suggested_eps)}.`}
        </p>
        <NextRunButton model="dbscan" param="eps" value={eps}>
          Use suggested eps
        </NextRunButton>
      </div>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="fact">
      <div className="fact-label">{label}</div>
      <div className="fact-value">{value}</div>
    </div>
  );
}
