import type { DataProfile } from '../../core/profile/profile';
import { ChartFigure } from '../charts/ChartFigure';

/**
 * Share of missing values per column (only the columns that have any), as labelled bars. Plain
 * SVG rather than recharts: it appears while a big file finishes loading, and recharts' first
 * mount alone takes longer than the 50 ms the page may be busy.
 */
export function MissingChart({ profile }: { profile: DataProfile }) {
  const rows = profile.columns.filter((c) => c.missing > 0).map((c) => ({ name: c.name, share: c.missing / profile.rows, missing: c.missing }));
  if (rows.length === 0) return <p className="ok-text">No missing values.</p>;
  const label = Math.min(180, 8 + 7 * Math.max(...rows.map((r) => r.name.length)));
  const width = 420;
  const bar = 18;
  return (
    <ChartFigure label="Missing values per column" table={{ columns: ['column', 'missing (%)', 'missing rows'], rows: rows.map((r) => [r.name, Number((r.share * 100).toFixed(1)), r.missing]) }}>
      <svg width="100%" viewBox={`0 0 ${width} ${rows.length * (bar + 6) + 4}`} preserveAspectRatio="xMinYMin meet">
        {rows.map((r, i) => {
          const y = i * (bar + 6) + 2;
          const w = Math.max(1, (width - label - 70) * r.share);
          return (
            <g key={r.name}>
              <text x={label - 6} y={y + bar / 2 + 4} textAnchor="end" fontSize={12}>
                {r.name}
              </text>
              <rect x={label} y={y} width={w} height={bar} fill="var(--orange)" rx={2} />
              <text x={label + w + 6} y={y + bar / 2 + 4} fontSize={12} fill="var(--muted)">
                {(r.share * 100).toFixed(r.share < 0.1 ? 1 : 0)}% ({r.missing.toLocaleString('en-US')})
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}
