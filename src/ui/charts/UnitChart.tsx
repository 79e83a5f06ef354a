import { useRef } from 'react';
import { curveLinear, curveStepAfter, line } from 'd3-shape';
import { useElementSize } from '../evaluate/tree/useElementSize';
import { fixedAxisTicks } from './axisTicks';
import { LegendSwatch, XAxis, YAxis } from './svgAxes';

/** One line on a unit-square chart: its points, look, and its name in the legend (none for unnamed lines). */
export interface UnitLine {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Which of x and y to draw (all when absent): a thinned curve's indices. */
  readonly keep?: readonly number[];
  readonly colour: string;
  readonly width?: number;
  readonly dash?: string;
  readonly steps?: boolean;
  readonly name?: string;
  /** Points drawn as dots of this radius. */
  readonly dots?: number;
}

/** Recharts' layout of these charts: margins, axis sizes, tick lengths and the legend band. */
const MARGIN = { top: 8, right: 16, bottom: 16, left: 8 };
const X_AXIS_HEIGHT = 30;
const LEGEND_HEIGHT = 36;
const TICKS = fixedAxisTicks(0, 1);

/**
 * A chart of lines over [0, 1] × [0, 1] (ROC, precision–recall, calibration) drawn as plain SVG in
 * recharts' look (its grid, axes, ticks, axis names and legend), as LossChart is: recharts' mount of
 * one such chart took 50–60 ms of main thread (measured with bench/evaluateFinish.ts), this a few.
 * Its values are in the figure's data table; there is no hover tooltip.
 */
export function UnitChart({ lines, height, xName, yName, yAxisWidth, legend = false }: { lines: readonly UnitLine[]; height: number; xName: string; yName: string; yAxisWidth: number; legend?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const { w: width } = useElementSize(box, { w: 0, h: 0 });
  const named = lines.filter((l) => l.name);
  const plot = { left: MARGIN.left + yAxisWidth, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom - X_AXIS_HEIGHT - (legend ? LEGEND_HEIGHT : 0) };
  const sx = (v: number) => plot.left + v * (plot.right - plot.left);
  const sy = (v: number) => plot.bottom - v * (plot.bottom - plot.top);
  return (
    <div ref={box} className="line-chart" style={{ height }}>
      {width > 0 ? (
        <>
          <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
            <g className="line-chart-grid">
              {TICKS.map((t) => (
                <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={plot.top} y2={plot.bottom} />
              ))}
              {TICKS.map((t) => (
                <line key={`y${t}`} x1={plot.left} x2={plot.right} y1={sy(t)} y2={sy(t)} />
              ))}
            </g>
            {lines.map((l, i) => {
              const at = l.keep ?? Array.from({ length: l.x.length }, (_, k) => k);
              const d =
                line<number>()
                  .x((k) => sx(l.x[k]))
                  .y((k) => sy(l.y[k]))
                  .curve(l.steps ? curveStepAfter : curveLinear)
                  .digits(2)(at) ?? '';
              return (
                <g key={i}>
                  <path d={d} fill="none" stroke={l.colour} strokeWidth={l.width ?? 1} strokeDasharray={l.dash} />
                  {l.dots ? at.map((k) => <circle key={k} cx={sx(l.x[k])} cy={sy(l.y[k])} r={l.dots} fill={l.colour} stroke={l.colour} />) : null}
                </g>
              );
            })}
            <g className="line-chart-axis">
              <XAxis plot={plot} ticks={TICKS} sx={sx} />
              <YAxis plot={plot} ticks={TICKS} sy={sy} side="left" />
            </g>
            <text className="line-chart-axis-name" x={(plot.left + plot.right) / 2} y={plot.bottom + X_AXIS_HEIGHT + 8} textAnchor="middle">
              {xName}
            </text>
            <text className="line-chart-axis-name" transform={`rotate(-90 ${MARGIN.left + 6} ${(plot.top + plot.bottom) / 2})`} x={MARGIN.left + 6} y={(plot.top + plot.bottom) / 2} dy="0.355em" textAnchor="middle">
              {yName}
            </text>
          </svg>
          {legend && named.length > 0 ? (
            <div className="line-chart-legend" style={{ left: MARGIN.left, bottom: MARGIN.bottom, width: width - MARGIN.left - MARGIN.right }}>
              <ul>
                {named.map((l) => (
                  <li key={l.name}>
                    <LegendSwatch colour={l.colour} />
                    <span>{l.name}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
