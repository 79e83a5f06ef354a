import { fmt } from '../format';

/** Tick mark length and the gap to its label, as recharts draws them. */
const TICK = 6;
const TICK_GAP = 2;

/** A plot area's edges in pixels. */
export interface PlotBox {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** The x axis under the plot: its line, a mark and a label at each tick (recharts' look, shared by the SVG charts). */
export function XAxis({ plot, ticks, sx, label = fmt }: { plot: PlotBox; ticks: readonly number[]; sx: (v: number) => number; label?: (v: number) => string | number }) {
  return (
    <>
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={sx(t)} x2={sx(t)} y1={plot.bottom + TICK} y2={plot.bottom} />
          <text x={sx(t)} y={plot.bottom + TICK + TICK_GAP} dy="0.71em" textAnchor="middle">
            {label(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** A y axis on the plot's left or right edge: its line, a mark and a label at each tick. */
export function YAxis({ plot, ticks, sy, side }: { plot: PlotBox; ticks: readonly number[]; sy: (v: number) => number; side: 'left' | 'right' }) {
  const x = side === 'left' ? plot.left : plot.right;
  const out = side === 'left' ? -1 : 1;
  return (
    <>
      <line x1={x} x2={x} y1={plot.top} y2={plot.bottom} />
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x + out * TICK} x2={x} y1={sy(t)} y2={sy(t)} />
          <text x={x + out * (TICK + TICK_GAP)} y={sy(t)} dy="0.355em" textAnchor={side === 'left' ? 'end' : 'start'}>
            {fmt(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** A legend entry's swatch: recharts' line-and-circle icon in the line's colour. */
export function LegendSwatch({ colour }: { colour: string }) {
  return (
    <svg width="14" height="14" viewBox="0 0 32 32" aria-hidden>
      <path strokeWidth="4" fill="none" stroke={colour} d="M0,16h10.667A5.333,5.333,0,1,1,21.333,16H32M21.333,16A5.333,5.333,0,1,1,10.667,16" />
    </svg>
  );
}
