import { fmt } from '../../format';
import { BarCell } from '../../components/BarCell';

/** Features shown per component. */
const TOP = 8;

/**
 * What a principal component is made of: its largest loadings (by size) as bars either side of
 * zero, named by the features the person knows (`bill_length_mm`, `island=Dream`).
 */
export function Loadings({ component, loadings, features }: { component: number; loadings: readonly number[]; features: readonly string[] }) {
  const d = features.length;
  const axis = loadings.slice(component * d, (component + 1) * d);
  const rows = axis.map((value, j) => ({ name: features[j], value })).sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, TOP);
  const max = Math.max(1e-12, ...rows.map((r) => Math.abs(r.value)));
  const name = `pc${component + 1}`;
  return (
    <div className="loadings">
      <h4>{name}</h4>
      <table className="bars diverging" aria-label={`Loadings of ${name}`}>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Loading</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <th scope="row" title={r.name}>
                {r.name}
              </th>
              <td>
                <BarCell share={r.value / max} signed>
                  {fmt(Number(r.value.toFixed(3)))}
                </BarCell>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
