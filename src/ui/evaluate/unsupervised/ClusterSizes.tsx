import { groupColour } from '../../charts/palette';
import { BarCell } from '../../components/BarCell';

/** Rows per cluster as bars in the map's colours, noise last in grey. */
export function ClusterSizes({ sizes, noise }: { sizes: readonly number[]; noise?: number }) {
  const rows = [...sizes.map((n, k) => ({ name: `Cluster ${k}`, k, n })), ...(noise ? [{ name: 'Noise', k: -1, n: noise }] : [])];
  const total = rows.reduce((a, r) => a + r.n, 0) || 1;
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <table className="bars cluster-sizes" aria-label="Cluster sizes">
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Cluster</th>
          <th scope="col">Rows</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">
              <span className="swatch" style={{ background: groupColour(r.k) }} aria-hidden /> {r.name}
            </th>
            <td>
              <BarCell share={r.n / max} colour={groupColour(r.k)} wide>
                {r.n.toLocaleString('en-US')} <span className="muted">({Math.round((r.n / total) * 100)}%)</span>
              </BarCell>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
