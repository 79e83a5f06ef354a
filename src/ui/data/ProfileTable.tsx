import type { ColumnProfile, DataProfile } from '../../core/profile/profile';
import { MiniHistogram } from '../components/MiniHistogram';
import { fmt } from '../format';

/** One row per column: type, missing, unique, summary figures and a distribution sparkline. */
export function ProfileTable({ profile }: { profile: DataProfile }) {
  return (
    <div className="table-scroll">
      <table aria-label="Column profile" className="profile">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col">Missing</th>
            <th scope="col">Unique</th>
            <th scope="col">Summary</th>
            <th scope="col">Distribution</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>
                <span className={`type t-${c.type}`}>{c.type}</span>
              </td>
              <td className={c.missing ? 'warn-num' : undefined}>
                {c.missing.toLocaleString('en-US')}
                {c.missing ? <span className="muted small"> ({Math.round((c.missing / profile.rows) * 100)}%)</span> : null}
              </td>
              <td>{c.unique.toLocaleString('en-US')}</td>
              <td className="summary-cell">{summaryText(c)}</td>
              <td>{distribution(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function summaryText(c: ColumnProfile): string {
  if (c.kind === 'numeric' && c.mean !== undefined) {
    return `mean ${fmt(c.mean)} · sd ${fmt(c.std)} · min ${fmt(c.min)} · median ${fmt(c.median)} · max ${fmt(c.max)}`;
  }
  if (c.kind === 'datetime' && c.min !== undefined && !Number.isNaN(c.min)) {
    return `${new Date(c.min).toISOString().slice(0, 10)} to ${new Date(c.max!).toISOString().slice(0, 10)}`;
  }
  if (c.top) return c.top.slice(0, 3).map((t) => `${t.value} (${t.count})`).join(', ') + (c.unique > 3 ? ', …' : '');
  return '';
}

function distribution(c: ColumnProfile) {
  if (c.histogram && c.histogram.counts.length) return <MiniHistogram counts={c.histogram.counts} label={`Distribution of ${c.name}`} />;
  if (c.top && c.top.length) return <MiniHistogram counts={c.top.map((t) => t.count)} label={`Most frequent values of ${c.name}`} />;
  return null;
}
