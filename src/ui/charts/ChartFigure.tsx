import { type ReactNode, useEffect, useRef, useState } from 'react';
import { fmt } from '../format';

/** A chart's numbers as a table: column headings, then one row per point (the first cell names the row). */
export interface ChartTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/**
 * A chart as one named image, its caption, and its numbers behind a "Show data as a table"
 * disclosure. The picture is a `role="img"` named by `label`, so a screen reader hears one name and
 * its inside (recharts' SVG, tooltips) is presentational; the only tab stop is the disclosure, which
 * gives keyboard and screen-reader users (and a teacher on a projector) the values a mouse gets from
 * the tooltip. Recharts charts inside pass `accessibilityLayer={false}`: its layer makes the SVG an
 * unnamed `role="application"` with several tab stops that show nothing.
 */
export function ChartFigure({ label, name, table, caption, captionFirst, className = 'chart', children }: { label: string; name?: string; table?: ChartTable | (() => ChartTable); caption?: ReactNode; captionFirst?: boolean; className?: string; children: ReactNode }) {
  const picture = useRef<HTMLDivElement>(null);
  useEffect(() => quietLayers(picture.current), []);
  const figcaption = caption ? <figcaption className={captionFirst ? undefined : 'muted small'}>{caption}</figcaption> : null;
  return (
    <figure className={className}>
      {captionFirst ? figcaption : null}
      <div role="img" aria-label={label} ref={picture}>
        {children}
      </div>
      {captionFirst ? null : figcaption}
      {table ? <DataDisclosure name={name ?? label} table={table} /> : null}
    </figure>
  );
}

/**
 * Recharts 3 draws each chart's layers as bare SVG `<g class="recharts-zIndex-layer_N">` groups, and
 * Chromium puts every one of them in the tab order (four or five empty stops per chart, seen with
 * e2e/keyboard.spec.ts). An explicit `tabindex="-1"` takes them out; layers come and go as the chart
 * redraws, so they are watched. Returns the watcher's disconnect.
 */
function quietLayers(box: HTMLElement | null): (() => void) | undefined {
  if (!box) return undefined;
  const quiet = () => box.querySelectorAll('g[class*="recharts-zIndex-layer"]:not([tabindex])').forEach((g) => g.setAttribute('tabindex', '-1'));
  quiet();
  const watcher = new MutationObserver(quiet);
  watcher.observe(box, { childList: true, subtree: true });
  return () => watcher.disconnect();
}

/**
 * The disclosure; the table is made and drawn only once opened (a scatter can have thousands of rows).
 * `summary` and `tableLabel` replace the default words ("Show data as a table", `Data: <name>`).
 */
export function DataDisclosure({ name, table: given, summary, tableLabel, className = 'chart-data' }: { name: string; table: ChartTable | (() => ChartTable); summary?: string; tableLabel?: string; className?: string }) {
  const [open, setOpen] = useState(false);
  const table = open ? (typeof given === 'function' ? given() : given) : null;
  return (
    <details className={className} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        {summary ?? (
          <>
            Show data as a table<span className="visually-hidden">: {name}</span>
          </>
        )}
      </summary>
      {table ? (
        // A scrolling box must be reachable by keyboard to scroll it (axe: scrollable-region-focusable).
        <div className="table-scroll chart-data-scroll" tabIndex={0} role="region" aria-label={`Scroll the data of ${name}`}>
          <table aria-label={tableLabel ?? `Data: ${name}`}>
            <thead>
              <tr>
                {/* An empty heading (the corner of a matrix) heads nothing: a plain cell. */}
                {table.columns.map((c, j) =>
                  c === '' ? (
                    <td key={j} />
                  ) : (
                    <th key={j} scope="col">
                      {c}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {show(cell)}
                      </th>
                    ) : (
                      <td key={j}>{show(cell)}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}

function show(cell: string | number | null): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? fmt(cell) : cell;
}
