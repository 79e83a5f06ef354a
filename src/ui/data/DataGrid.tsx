import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { fetchRows } from '../../state/actions';

const ROW_HEIGHT = 28;
const VIEW_ROWS = 16;
const BLOCK = 200;
/** Browsers cap an element's height (~33 M px in Chrome); taller tables scroll proportionally. */
const MAX_SCROLL_HEIGHT = 10_000_000;

type Sort = { column: string; descending: boolean } | null;

/**
 * The raw rows, virtualised: only the visible rows exist in the page, fetched in blocks from the
 * worker that holds the table, so a million rows scroll as smoothly as fifty. Click a header (or
 * press Enter on it) to sort by that column; again to reverse. Give it a new `key` for new data.
 */
export function DataGrid({ columns, rows }: { columns: readonly string[]; rows: number }) {
  const [sort, setSort] = useState<Sort>(null);
  const [first, setFirst] = useState(0);
  const [blocks, setBlocks] = useState<Map<number, string[][]>>(new Map());
  const requested = useRef(new Set<number>());
  // Bumped whenever the order changes, so blocks fetched for an older order are ignored.
  const generation = useRef(0);
  const scale = Math.max(1, (rows * ROW_HEIGHT) / MAX_SCROLL_HEIGHT);

  useEffect(() => {
    const need = new Set([Math.floor(first / BLOCK), Math.floor((first + VIEW_ROWS) / BLOCK)]);
    for (const b of need) {
      if (b * BLOCK >= rows || requested.current.has(b)) continue;
      requested.current.add(b);
      const asked = generation.current;
      void fetchRows(b * BLOCK, BLOCK, sort ?? undefined).then((data) => {
        if (asked === generation.current) setBlocks((m) => new Map(m).set(b, data));
      });
    }
  });

  const visible: { index: number; cells: readonly string[] | null }[] = [];
  for (let r = first; r < Math.min(rows, first + VIEW_ROWS); r++) visible.push({ index: r, cells: blocks.get(Math.floor(r / BLOCK))?.[r % BLOCK] ?? null });

  const toggle = (column: string) => {
    generation.current++;
    requested.current.clear();
    setBlocks(new Map());
    setSort((s) => (s?.column === column ? (s.descending ? null : { column, descending: true }) : { column, descending: false }));
  };
  const onHeaderKey = (e: KeyboardEvent, column: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle(column);
    }
  };

  return (
    <div className="grid">
      <div
        className="grid-scroll"
        style={{ height: (VIEW_ROWS + 1) * ROW_HEIGHT + 2 }}
        onScroll={(e) => {
          // Scroll position as a share of the way down, so a scaled (very tall) table still reaches its last row.
          const el = e.currentTarget;
          const share = el.scrollTop / Math.max(1, el.scrollHeight - el.clientHeight);
          setFirst(Math.round(share * Math.max(0, rows - VIEW_ROWS)));
        }}
      >
        <div style={{ height: (rows * ROW_HEIGHT) / scale + ROW_HEIGHT }}>
          <table className="rows grid-table" aria-label="Data rows" aria-rowcount={rows + 1} style={{ top: 0 }}>
            <thead>
              <tr>
                <th scope="col" className="rownum" title="Row number in the file">
                  row
                </th>
                {columns.map((c) => {
                  const dir = sort?.column === c ? (sort.descending ? 'descending' : 'ascending') : 'none';
                  return (
                    <th key={c} scope="col" aria-sort={dir} tabIndex={0} onClick={() => toggle(c)} onKeyDown={(e) => onHeaderKey(e, c)} className="sortable">
                      {c}
                      <span aria-hidden className="sort-mark">
                        {dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}
                      </span>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {visible.map(({ index, cells }) => (
                <tr key={index} aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
                  <td className="rownum">{cells === null ? '' : Number(cells[0]).toLocaleString('en-US')}</td>
                  {columns.map((_, j) => (
                    <td key={j}>{cells === null ? <span className="muted">…</span> : cells[j + 1] === '' ? <span className="missing">missing</span> : cells[j + 1]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p className="muted small">
        {rows.toLocaleString('en-US')} rows{sort ? `, sorted by ${sort.column} ${sort.descending ? 'descending' : 'ascending'} (missing values last)` : ', in file order'}.
      </p>
    </div>
  );
}
