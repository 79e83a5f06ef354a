import type { ColumnProfile, DataProfile } from '../../core/profile/profile';
import type { DateOrder } from '../../core/table/cells';
import { COLUMN_KINDS, type ColumnKind } from '../../core/table/column';
import { own } from '../../core/util/keyed';
import { setColumnKind } from '../../state/actions';
import { useStudio } from '../useStudio';
import { MiniHistogram } from '../components/MiniHistogram';
import { fmtStat } from '../format';

/** One row per column: type, missing, unique, summary figures and a distribution sparkline. */
export function ProfileTable({ profile, dateOrders }: { profile: DataProfile; dateOrders: Readonly<Record<string, DateOrder>> }) {
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
                <TypeCell column={c} dateOrder={own(dateOrders, c.name)} />
              </td>
              <td className={c.missing ? 'warn-num' : undefined}>
                {c.missing.toLocaleString('en-US')}
                {c.missing ? <span className="muted small"> ({Math.round((c.missing / profile.rows) * 100)}%)</span> : null}
              </td>
              <td>
                {c.uniqueApprox ? '≈' : ''}
                {c.unique.toLocaleString('en-US')}
              </td>
              <td className="summary-cell">{summaryText(c)}</td>
              <td>{distribution(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const DATE_ORDERS: { value: DateOrder; label: string }[] = [
  { value: 'iso', label: 'ISO 2024-03-01' },
  { value: 'dmy', label: 'day/month/year' },
  { value: 'mdy', label: 'month/day/year' },
  { value: 'ymd', label: 'year/month/day' },
];

/** The column's type, changeable: the file is read again with the new type (and date order). */
function TypeCell({ column, dateOrder }: { column: ColumnProfile; dateOrder?: DateOrder }) {
  const busy = useStudio((s) => s.dataset.state === 'running');
  return (
    <div className="type-cell">
      <select
        aria-label={`Type of ${column.name}`}
        className={`type-select t-${column.type}`}
        value={column.kind}
        disabled={busy}
        onChange={(e) => void setColumnKind(column.name, e.target.value as ColumnKind, e.target.value === 'datetime' ? 'iso' : undefined)}
      >
        {COLUMN_KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      {column.type === 'id' ? <span className="type t-id" title="Every value is distinct: an identifier">id</span> : null}
      {column.kind === 'datetime' ? (
        <select aria-label={`Date order of ${column.name}`} value={dateOrder ?? 'iso'} disabled={busy} onChange={(e) => void setColumnKind(column.name, 'datetime', e.target.value as DateOrder)}>
          {DATE_ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}

function summaryText(c: ColumnProfile): string {
  if (c.kind === 'numeric' && c.mean !== undefined) {
    // Figures far below the column's magnitude are rounding (the mean of a centred column): 0.
    const scale = Math.max(Math.abs(c.min ?? 0), Math.abs(c.max ?? 0));
    const stat = (v: number | undefined) => fmtStat(v, scale);
    const more = [`skew ${fmtStat(c.skew, 1)}`, c.zeros ? `${c.zeros.toLocaleString('en-US')} zeros` : '', c.outliers ? `${c.outliers.toLocaleString('en-US')} outliers` : ''].filter(Boolean).join(' · ');
    return `mean ${stat(c.mean)} · sd ${stat(c.std)} · min ${stat(c.min)} · median ${stat(c.median)} · max ${stat(c.max)}\n${more}`;
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
