/** A plain scrollable table of display strings (previews of data and predictions). */
export function RowsTable({ label, columns, rows, highlight = [] }: { label: string; columns: readonly string[]; rows: readonly (readonly string[])[]; highlight?: readonly string[] }) {
  return (
    <div className="table-scroll">
      <table aria-label={label} className="rows">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={highlight.includes(c) ? 'hl' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j} className={highlight.includes(columns[j]) ? 'hl' : undefined}>
                  {cell === '' ? <span className="missing">missing</span> : cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
