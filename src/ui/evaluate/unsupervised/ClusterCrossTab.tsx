import { useId } from 'react';
import { groupColour } from '../../charts/palette';
import type { Colouring } from './rowColours';

/**
 * Clusters against a category column on the drawn rows: how many of each cluster's rows have each
 * value. A cluster that is mostly one value found that group without being told.
 */
export function ClusterCrossTab({ clusters, colouring, drawn }: { clusters: Int32Array; colouring: Extract<Colouring, { kind: 'categories' }>; drawn: number }) {
  const titleId = useId();
  const ids = [...new Set(clusters)].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b));
  const labels = [...colouring.labels, ...(colouring.missing ? ['(missing)'] : [])];
  const counts = new Map(ids.map((c) => [c, new Array<number>(labels.length).fill(0)]));
  clusters.forEach((c, i) => {
    const code = colouring.codes[i];
    counts.get(c)![code < 0 ? labels.length - 1 : code]++;
  });
  return (
    <div className="crosstab">
      <h4 id={titleId}>
        Clusters against {colouring.column} <span className="muted small">(the {drawn.toLocaleString('en-US')} rows drawn)</span>
      </h4>
      <div className="table-scroll">
        <table className="metrics confusion" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">Cluster</th>
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((c) => {
              const row = counts.get(c)!;
              const top = Math.max(...row);
              return (
                <tr key={c}>
                  <th scope="row">
                    <span className="swatch" style={{ background: groupColour(c) }} aria-hidden /> {c < 0 ? 'Noise' : `Cluster ${c}`}
                  </th>
                  {row.map((n, k) => (
                    <td key={labels[k]} className={n > 0 && n === top ? 'cell-top' : n === 0 ? 'zero' : undefined}>
                      {n}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
