import { inkOn } from '../charts/diverging';
import { shareShade } from '../charts/palette';

/** A confusion-matrix heatmap: rows are true classes, columns predictions; colour by row share. */
export function ConfusionMatrix({ classes, matrix }: { classes: readonly string[]; matrix: readonly (readonly number[])[] }) {
  return (
    <div className="table-scroll">
      <table className="confusion" aria-label="Confusion matrix">
        <thead>
          <tr>
            <th scope="col" className="corner">
              true ↓ / predicted →
            </th>
            {classes.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, i) => {
            const total = row.reduce((a, b) => a + b, 0) || 1;
            return (
              <tr key={classes[i]}>
                <th scope="row">{classes[i]}</th>
                {row.map((count, j) => {
                  const share = count / total;
                  const background = i === j ? shareShade(152, 60, share) : shareShade(8, 70, share);
                  return (
                    <td key={j} style={{ background, color: inkOn(background) }} title={`${count} of ${total} “${classes[i]}” rows predicted “${classes[j]}”`}>
                      {count}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
