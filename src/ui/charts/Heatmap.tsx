import { useState } from 'react';
import { fmt } from '../format';

/**
 * A matrix as coloured cells (an SVG): blue for negative, orange for positive, stronger colour for
 * larger magnitude. The value under the pointer shows below the chart (one element for all cells,
 * rather than a tooltip node per cell).
 */
export function Heatmap({ labels, values, label, describe }: { labels: readonly string[]; values: readonly (readonly number[])[]; label: string; describe?: (i: number, j: number) => string }) {
  const [hover, setHover] = useState<[number, number] | null>(null);
  const cell = Math.max(14, Math.min(36, Math.floor(560 / Math.max(1, labels.length))));
  const left = Math.min(170, 8 + 7 * Math.max(...labels.map((l) => l.length)));
  const top = left;
  const size = cell * labels.length;
  const colour = (v: number) => {
    if (!Number.isFinite(v)) return '#eee';
    const a = Math.min(1, Math.abs(v));
    return v < 0 ? `rgba(43, 123, 185, ${a})` : `rgba(217, 130, 43, ${a})`;
  };
  return (
    <figure className="chart heatmap">
      <svg role="img" aria-label={label} width={left + size + left / 2} height={top + size + 4} onMouseLeave={() => setHover(null)}>
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
          row.map((v, j) => (
            <rect key={`${i}-${j}`} x={left + j * cell} y={top + i * cell} width={cell - 1} height={cell - 1} fill={colour(v)} onMouseEnter={() => setHover([i, j])} />
          )),
        )}
      </svg>
      <figcaption className="small" aria-live="polite">
        {hover ? (describe ? describe(hover[0], hover[1]) : `${labels[hover[0]]} × ${labels[hover[1]]}: ${fmt(values[hover[0]][hover[1]])}`) : 'Point at a cell to read its value.'}
      </figcaption>
    </figure>
  );
}
