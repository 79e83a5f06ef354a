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
                  const hue = i === j ? '152, 60%' : '8, 70%';
                  return (
                    <td key={j} style={{ background: `hsla(${hue}, 45%, ${share * 0.85})`, color: share > 0.55 ? 'white' : undefined }} title={`${count} of ${total} “${classes[i]}” rows predicted “${classes[j]}”`}>
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
