import { type MouseEvent, useMemo, useRef, useState } from 'react';
import { useElementSize } from '../evaluate/tree/useElementSize';
import { fmt } from '../format';
import { NO_GROUP_COLOUR } from './palette';
import { niceTicks } from './ticks';
import { ChartFigure } from './ChartFigure';

const MARGIN = { top: 12, right: 16, bottom: 40, left: 52 };
/** Pointer distance (px) within which a point is described. */
const REACH = 14;

/**
 * A scatter plot of up to a few thousand points drawn as plain SVG (recharts makes a component per
 * point, far too slow here): equal units on both axes, so distances on screen are distances in the
 * data, and the point under the pointer described below the chart.
 */
export function ScatterMap({
  x,
  y,
  colours,
  axes,
  label,
  describe,
}: {
  x: Float32Array;
  y: Float32Array;
  colours: (i: number) => string;
  axes: readonly string[];
  label: string;
  describe: (i: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { w } = useElementSize(box, { w: 800, h: 420 });
  const [hover, setHover] = useState<number | null>(null);
  const frame = useMemo(() => layout(x, y, Math.max(200, w)), [x, y, w]);
  const { height } = frame;
  const points = useMemo(() => {
    // Grey points (noise, missing values) go underneath, so they do not hide the groups.
    const fills = Array.from(x, (_, i) => colours(i));
    const order = Array.from(x, (_, i) => i).sort((a, b) => Number(fills[b] === NO_GROUP_COLOUR) - Number(fills[a] === NO_GROUP_COLOUR) || a - b);
    return order.map((i) => <circle key={i} cx={frame.sx(x[i])} cy={frame.sy(y[i])} r={3.5} fill={fills[i]} />);
  }, [x, y, frame, colours]);
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    let best = -1;
    let bestD = REACH * REACH;
    for (let i = 0; i < x.length; i++) {
      const dx = frame.sx(x[i]) - px;
      const dy = frame.sy(y[i]) - py;
      const d = dx * dx + dy * dy;
      if (d < bestD) [best, bestD] = [i, d];
    }
    setHover(best < 0 ? null : best);
  };
  return (
    <ChartFigure
      className="chart scatter-map"
      label={label}
      caption={<span aria-live="polite">{hover !== null ? describe(hover) : 'Point at a dot to see which row it is.'}</span>}
      table={() => ({ columns: [axes[0], axes[1] ?? '', 'row'], rows: Array.from(x, (v, i) => [v, y[i], describe(i)]) })}
    >
      <div ref={box}>
        <svg width={frame.width} height={height} onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
          <g className="axis">
            {frame.xTicks.map((t) => (
              <g key={`x${t}`}>
                <line x1={frame.sx(t)} x2={frame.sx(t)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
                <text x={frame.sx(t)} y={height - MARGIN.bottom + 16} textAnchor="middle">
                  {fmt(t)}
                </text>
              </g>
            ))}
            {frame.yTicks.map((t) => (
              <g key={`y${t}`}>
                <line x1={MARGIN.left} x2={frame.width - MARGIN.right} y1={frame.sy(t)} y2={frame.sy(t)} />
                <text x={MARGIN.left - 6} y={frame.sy(t) + 4} textAnchor="end">
                  {fmt(t)}
                </text>
              </g>
            ))}
            <text className="axis-name" x={(MARGIN.left + frame.width - MARGIN.right) / 2} y={height - 6} textAnchor="middle">
              {axes[0]}
            </text>
            {axes[1] ? (
              <text className="axis-name" transform={`translate(14, ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">
                {axes[1]}
              </text>
            ) : null}
          </g>
          <g className="points">{points}</g>
          {hover !== null ? <circle className="hovered" cx={frame.sx(x[hover])} cy={frame.sy(y[hover])} r={6} fill="none" /> : null}
        </svg>
      </div>
    </ChartFigure>
  );
}

/** Plot heights (px) the chart keeps within, whatever the shape of the data. */
const PLOT_HEIGHT = { min: 260, max: 520 };

/**
 * Scales with one unit the same length on both axes, centred in the plot area; the plot is as tall
 * as the data's shape asks at this width, within PLOT_HEIGHT.
 */
function layout(x: Float32Array, y: Float32Array, width: number) {
  const [x0, x1] = extent(x);
  const [y0, y1] = extent(y);
  const plotW = width - MARGIN.left - MARGIN.right;
  const spanX = x1 - x0 || 1;
  const spanY = y1 - y0 || 1;
  const plotH = Math.round(Math.min(PLOT_HEIGHT.max, Math.max(PLOT_HEIGHT.min, (plotW * spanY) / spanX)));
  const height = plotH + MARGIN.top + MARGIN.bottom;
  const unit = Math.min(plotW / (spanX * 1.04), plotH / (spanY * 1.04));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const midX = MARGIN.left + plotW / 2;
  const midY = MARGIN.top + plotH / 2;
  const sx = (v: number) => midX + (v - cx) * unit;
  const sy = (v: number) => midY - (v - cy) * unit;
  const halfW = plotW / 2 / unit;
  const halfH = plotH / 2 / unit;
  const count = (px: number) => Math.max(2, Math.round(px / 90));
  return { width, height, sx, sy, xTicks: niceTicks(cx - halfW, cx + halfW, count(plotW)), yTicks: niceTicks(cy - halfH, cy + halfH, count(plotH)) };
}

function extent(v: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of v) {
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}
