import { useState } from 'react';
import { fmt, fmtCorrelation } from '../format';
import { DataDisclosure } from './ChartFigure';
import { DIVERGING_GRADIENT, divergingColour, inkOn } from './diverging';

/** Cells at least this wide print their value (two decimals at 11 px); smaller ones offer a table. */
const PRINT_CELL = 30;

/**
 * A matrix in [−1, 1] as coloured cells (an SVG): blue for negative, orange for positive, stronger
 * colour for larger magnitude, with a colour scale beside it. Cells large enough print their value
 * (a projector has no pointer); the values are also a table behind a disclosure, for screen
 * readers and for a matrix too large to print in. The value under the
 * pointer shows below the chart (one element for all cells, rather than a tooltip node per cell).
 */
export function Heatmap({ labels, values, label, describe }: { labels: readonly string[]; values: readonly (readonly number[])[]; label: string; describe?: (i: number, j: number) => string }) {
  const [hover, setHover] = useState<[number, number] | null>(null);
  const cell = Math.max(14, Math.min(52, Math.floor(560 / Math.max(1, labels.length))));
  const print = cell >= PRINT_CELL;
  const left = Math.min(170, 8 + 7 * Math.max(...labels.map((l) => l.length)));
  const top = left;
  const size = cell * labels.length;
  return (
    <div className="heatmap-wrap">
      <div className="heatmap-row">
        <figure className="chart heatmap">
          <svg role="img" aria-label={label} width={left + size + left / 2} height={top + size + 4} viewBox={`0 0 ${left + size + left / 2} ${top + size + 4}`} onMouseLeave={() => setHover(null)}>
            {labels.map((l, i) => (
              <g key={l}>
                <text x={left - 6} y={top + i * cell + cell / 2 + 4} textAnchor="end" fontSize={11}>
                  {l}
                </text>
                <text transform={`translate(${left + i * cell + cell / 2 + 4}, ${top - 6}) rotate(-60)`} fontSize={11}>
                  {l}
                </text>
              </g>
            ))}
            {values.map((row, i) =>
              row.map((v, j) => {
                const fill = divergingColour(v);
                return (
                  <g key={`${i}-${j}`} onMouseEnter={() => setHover([i, j])}>
                    <rect x={left + j * cell} y={top + i * cell} width={cell - 1} height={cell - 1} fill={fill} />
                    {print ? (
                      <text x={left + j * cell + (cell - 1) / 2} y={top + i * cell + cell / 2 + (cell >= 44 ? 4 : 3.5)} textAnchor="middle" fontSize={cell >= 44 ? 13 : 11} fill={inkOn(fill)} pointerEvents="none" className="heat-value">
                        {fmtCorrelation(v)}
                      </text>
                    ) : null}
                  </g>
                );
              }),
            )}
          </svg>
          <figcaption className="small" aria-live="polite">
            {hover ? (describe ? describe(hover[0], hover[1]) : `${labels[hover[0]]} × ${labels[hover[1]]}: ${fmt(values[hover[0]][hover[1]])}`) : print ? 'Point at a cell to see which measure it is.' : 'Point at a cell to read its value.'}
          </figcaption>
        </figure>
        <ColourScale top={top} height={Math.min(size, 200)} />
      </div>
      {/* The values printed in the cells are inside an image, and a large matrix prints none. */}
      <DataDisclosure
        name={label}
        summary="Show the values as a table"
        tableLabel={`${label}: values`}
        className="chart-data heat-table"
        table={() => ({ columns: ['', ...labels], rows: values.map((row, i) => [labels[i], ...row.map((v) => fmtCorrelation(v) || '—')]) })}
      />
    </div>
  );
}

/** The legend: the colours from +1 (top) to −1 (bottom), with their values. */
function ColourScale({ top, height }: { top: number; height: number }) {
  const ticks = [1, 0.5, 0, -0.5, -1];
  return (
    <div className="heat-scale" role="img" aria-label="Colour scale: −1 (blue, negative) through 0 (white) to 1 (orange, positive)" style={{ marginTop: top }}>
      <div className="heat-ramp" style={{ height, background: DIVERGING_GRADIENT }} />
      <div className="heat-ticks" style={{ height }}>
        {ticks.map((t, i) => (
          <span key={t} style={{ top: `${(i / (ticks.length - 1)) * 100}%` }}>
            {t === 0 ? '0' : fmtCorrelation(t).replace(/\.?0+$/, '')}
          </span>
        ))}
      </div>
    </div>
  );
}
