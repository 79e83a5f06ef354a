import { fmt } from '../../format';
import { MetricTerm } from '../../glossary/MetricTerm';

/** Rough readings of a mean silhouette (Kaufman & Rousseeuw, 1990). */
function reading(s: number): string {
  if (s > 0.7) return 'strong, well-separated groups';
  if (s > 0.5) return 'a reasonable structure';
  if (s > 0.25) return 'a weak structure: the groups touch';
  return 'no real structure: the groups overlap';
}

/** The silhouette score, what it means in one line, and how this one reads. */
export function SilhouetteNote({ value, noise = 0 }: { value: number | null; noise?: number }) {
  return (
    <div className="silhouette">
      <p className="stat">
        <span className="stat-label">
          <MetricTerm metric="silhouette" label="Silhouette score" />
        </span> <span className="stat-value">{value === null ? '—' : fmt(Number(value.toFixed(3)))}</span>
        {value === null ? null : <span className="stat-reading">{reading(value)}</span>}
      </p>
      <p className="help">
        {value === null
          ? 'The silhouette needs at least two clusters.'
          : 'How much closer each row is to its own cluster than to the next nearest one, averaged over the rows: 1 is tight and far apart, 0 on a border, below 0 in the wrong cluster.'}
        {value !== null && noise > 0 ? ' Noise rows are left out of it, so with much noise it flatters the clustering.' : ''}
      </p>
    </div>
  );
}
