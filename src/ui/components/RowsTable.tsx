/** A button at the start of each row (the predictions' "Why?"): its text, its accessible name, what it does. */
export interface RowAction {
  readonly text: string;
  readonly name: (row: number) => string;
  readonly onClick: (row: number) => void;
  /** The row whose action is showing its result (marked pressed). */
  readonly active?: number | null;
  readonly disabled?: boolean;
}

/** A plain scrollable table of display strings (previews of data and predictions). */
export function RowsTable({ label, columns, rows, highlight = [], action, scrollable }: { label: string; columns: readonly string[]; rows: readonly (readonly string[])[]; highlight?: readonly string[]; action?: RowAction; scrollable?: boolean }) {
  return (
    // `scrollable`: a table that may be wider than the page, scrolled from the keyboard (one tab stop, named by its label).
    <div className="table-scroll" {...(scrollable ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (scrolls sideways)` } : {})}>
      <table aria-label={label} className="rows">
        <thead>
          <tr>
            {action ? (
              <th scope="col">
                <span className="visually-hidden">{action.text}</span>
              </th>
            ) : null}
            {columns.map((c) => (
              <th key={c} scope="col" className={highlight.includes(c) ? 'hl' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className={action?.active === i ? 'selected' : undefined}>
              {action ? (
                <td>
                  <button type="button" className="link" aria-label={action.name(i)} aria-pressed={action.active === i} disabled={action.disabled} onClick={() => action.onClick(i)}>
                    {action.text}
                  </button>
                </td>
              ) : null}
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
