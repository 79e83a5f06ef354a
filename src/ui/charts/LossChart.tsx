import { type MouseEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { curveMonotoneX, line } from 'd3-shape';
import type { EpochLog } from '../../core/models/model';
import { useElementSize } from '../evaluate/tree/useElementSize';
import { fmt } from '../format';
import { fixedAxisTicks, niceAxisTicks } from './axisTicks';
import type { HistoryLabels } from './historyLabels';
import { ChartFigure } from './ChartFigure';
import { LegendSwatch, XAxis, YAxis } from './svgAxes';

/**
 * Training and validation loss per epoch (or round, tree, iteration), with the validation metric on
 * a second axis and, when given, a line at the step that was kept. Long runs are thinned to about
 * 400 points so the chart stays cheap while it streams.
 *
 * Drawn as plain SVG in recharts' look (its geometry, ticks, curve, legend and tooltip), not with
 * recharts: the chart redraws every time epochs stream in, and recharts' mount and redraw (its
 * store's synchronous re-renders, DOM text measuring for ticks, forced layouts) held the page's
 * main thread 50–130 ms each time (measured with bench/browser.ts), this one a few milliseconds.
 */
export function LossChart({ history, metricName, labels, kept, maxPoints = 400 }: { history: readonly EpochLog[]; metricName: string; labels: HistoryLabels; kept?: number | null; maxPoints?: number }) {
  const box = useRef<HTMLDivElement>(null);
  // Nothing is drawn until the box's width is known (as recharts' ResponsiveContainer does); the
  // observer reports it after layout, so measuring forces no layout of the page.
  const { w: width } = useElementSize(box, { w: 0, h: 0 });
  const [pointer, setPointer] = useState<{ index: number; y: number } | null>(null);
  const { unit } = labels;
  const hasVal = history.some((h) => h.valLoss !== undefined);
  const hasMetric = history.some((h) => h.valMetric !== undefined);
  const metricLabel = labels.metric(metricName);
  const series = useMemo(() => seriesOf(labels.showLoss, labels.loss, labels.valLoss, metricLabel, hasVal, hasMetric), [labels.showLoss, labels.loss, labels.valLoss, metricLabel, hasVal, hasMetric]);
  const data = useMemo(() => {
    const step = Math.max(1, Math.ceil(history.length / maxPoints));
    return history.filter((_, i) => i % step === 0 || i === history.length - 1);
  }, [history, maxPoints]);
  const accuracy = metricName === 'accuracy';
  const frame = useMemo(() => (width > 0 ? lossChartLayout(data, series, width, accuracy) : null), [data, series, width, accuracy]);
  const active = pointer && frame && pointer.index < data.length ? pointer : null;
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    if (!frame) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    const { plot } = frame;
    if (px < plot.left || px > plot.right || py < plot.top || py > plot.bottom) return setPointer(null);
    setPointer({ index: nearest(data, frame.sx, px), y: py });
  };
  return (
    <ChartFigure
      label={`Loss per ${unit}`}
      caption={labels.note}
      // Made only when the disclosure opens: building it for every streamed batch is wasted work.
      table={() => ({
        columns: [unit, ...(labels.showLoss || !hasVal ? [labels.loss] : []), ...(hasVal ? [labels.valLoss] : []), ...(hasMetric ? [labels.metric(metricName)] : [])],
        rows: history.map((h) => [h.epoch, ...(labels.showLoss || !hasVal ? [h.loss] : []), ...(hasVal ? [h.valLoss ?? null] : []), ...(hasMetric ? [h.valMetric ?? null] : [])]),
      })}
    >
      <div ref={box} className="line-chart" style={{ height: HEIGHT }} onMouseMove={onMove} onMouseLeave={() => setPointer(null)}>
        {frame ? (
          <>
            <Legend series={series} width={width} />
            <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`}>
              <Plot frame={frame} series={series} data={data} kept={kept ?? null} unit={unit} />
              {active ? <Cursor frame={frame} series={series} point={data[active.index]} /> : null}
            </svg>
            {active ? <Tip frame={frame} series={series} point={data[active.index]} pointerY={active.y} unit={unit} /> : null}
          </>
        ) : null}
      </div>
    </ChartFigure>
  );
}

/** Recharts' layout of this chart: its height, margins, legend band, axis sizes and tick lengths. */
const HEIGHT = 280;
const MARGIN = { top: 8, right: 24, bottom: 16, left: 8 };
const LEGEND_HEIGHT = 28;
const X_AXIS_HEIGHT = 30;
const LOSS_AXIS_WIDTH = 56;
const METRIC_AXIS_WIDTH = 48;

/** One line of the chart: which value it draws, its name, look and axis. */
export interface Series {
  readonly key: 'loss' | 'valLoss' | 'valMetric';
  readonly name: string;
  readonly colour: string;
  readonly width: number;
  readonly dash?: string;
  readonly axis: 'loss' | 'metric';
}

/** The lines drawn, in drawing order (the legend and tooltip sort them by name, as recharts does). */
export function seriesOf(showLoss: boolean, loss: string, valLoss: string, metric: string, hasVal: boolean, hasMetric: boolean): Series[] {
  const out: Series[] = [];
  if (showLoss || !hasVal) out.push({ key: 'loss', name: loss, colour: 'var(--accent)', width: 2, axis: 'loss' });
  if (hasVal) out.push({ key: 'valLoss', name: valLoss, colour: 'var(--orange)', width: 2, axis: 'loss' });
  if (hasMetric) out.push({ key: 'valMetric', name: metric, colour: 'var(--purple)', width: 1, dash: '4 3', axis: 'metric' });
  return out;
}

function byName(series: readonly Series[]): Series[] {
  return [...series].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A linear map from [d0, d1] onto [r0, r1] (the middle of the range for an empty domain). */
function scale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  return d1 === d0 ? () => (r0 + r1) / 2 : (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

function extent(data: readonly EpochLog[], keys: readonly Series['key'][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const d of data) {
    for (const k of keys) {
      const v = d[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

type Frame = ReturnType<typeof lossChartLayout>;

/**
 * Where everything goes at this width: the plot area, the scales and ticks of the epoch axis
 * (first to last step), the loss axis (from 0, up to round ticks past the largest loss) and the
 * metric axis (0 to 1 for accuracy, up to 1 for R²), and each line's path.
 */
export function lossChartLayout(data: readonly EpochLog[], series: readonly Series[], width: number, accuracy: boolean) {
  const hasMetric = series.some((s) => s.axis === 'metric');
  const plot = { left: MARGIN.left + LOSS_AXIS_WIDTH, right: width - MARGIN.right - (hasMetric ? METRIC_AXIS_WIDTH : 0), top: MARGIN.top + LEGEND_HEIGHT, bottom: HEIGHT - MARGIN.bottom - X_AXIS_HEIGHT };
  const first = data[0]?.epoch ?? 0;
  const last = data[data.length - 1]?.epoch ?? 0;
  const xTicks = fixedAxisTicks(first, last, 5, false);
  const sx = scale(first, last, plot.left, plot.right);
  const [lossLo, lossHi] = extent(data, series.filter((s) => s.axis === 'loss').map((s) => s.key));
  const lossTicks = niceAxisTicks(Math.min(0, lossLo), Math.max(0, lossHi));
  const sLoss = scale(lossTicks[0], lossTicks[lossTicks.length - 1], plot.bottom, plot.top);
  const metricTicks = hasMetric ? (accuracy ? niceAxisTicks(0, 1) : niceAxisTicks(Math.min(extent(data, ['valMetric'])[0], 1), 1)) : [];
  const sMetric = hasMetric ? scale(metricTicks[0], metricTicks[metricTicks.length - 1], plot.bottom, plot.top) : sLoss;
  const sy = (s: Series) => (s.axis === 'metric' ? sMetric : sLoss);
  const paths = series.map((s) => {
    const y = sy(s);
    const draw = line<EpochLog>()
      .defined((d) => d[s.key] !== undefined && Number.isFinite(d[s.key]))
      .x((d) => sx(d.epoch))
      .y((d) => y(d[s.key]!))
      .curve(curveMonotoneX)
      .digits(3);
    return draw(data) ?? '';
  });
  return { plot, sx, sy, xTicks, lossTicks, sLoss, metricTicks, sMetric, paths };
}

/** The data point whose epoch is nearest the pointer's x (data is in epoch order). */
function nearest(data: readonly EpochLog[], sx: (v: number) => number, px: number): number {
  let best = 0;
  for (let i = 1; i < data.length; i++) if (Math.abs(sx(data[i].epoch) - px) < Math.abs(sx(data[best].epoch) - px)) best = i;
  return best;
}

/** The grid, the lines, the kept-step line and the three axes with their ticks and names. */
function Plot({ frame, series, data, kept, unit }: { frame: Frame; series: readonly Series[]; data: readonly EpochLog[]; kept: number | null; unit: string }) {
  const { plot, sx, xTicks, lossTicks, sLoss, metricTicks, sMetric } = frame;
  const first = data[0]?.epoch ?? 0;
  const last = data[data.length - 1]?.epoch ?? 0;
  const keptX = kept !== null && kept >= first && kept <= last ? sx(kept) : null;
  return (
    <>
      {/* Recharts' grid here: the plot's top and bottom edges, and a line at each epoch tick. */}
      <g className="line-chart-grid">
        <line x1={plot.left} x2={plot.right} y1={plot.top} y2={plot.top} />
        <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} />
        {xTicks.map((t) => (
          <line key={t} x1={sx(t)} x2={sx(t)} y1={plot.top} y2={plot.bottom} />
        ))}
      </g>
      {series.map((s, i) => (
        <path key={s.key} d={frame.paths[i]} fill="none" stroke={s.colour} strokeWidth={s.width} strokeDasharray={s.dash} />
      ))}
      {keptX !== null ? (
        <g className="line-chart-kept">
          <line x1={keptX} x2={keptX} y1={plot.top} y2={plot.bottom} />
          <text x={keptX - 5} y={plot.top + 5} dy="0.71em" textAnchor="end">
            kept: {unit} {kept}
          </text>
        </g>
      ) : null}
      <g className="line-chart-axis">
        <XAxis plot={plot} ticks={xTicks} sx={sx} label={(t) => t} />
        <YAxis plot={plot} ticks={lossTicks} sy={sLoss} side="left" />
        {series.some((s) => s.axis === 'metric') ? <YAxis plot={plot} ticks={metricTicks} sy={sMetric} side="right" /> : null}
      </g>
      <text className="line-chart-axis-name" x={(plot.left + plot.right) / 2} y={plot.bottom + X_AXIS_HEIGHT + 8} textAnchor="middle">
        {unit}
      </text>
    </>
  );
}

/** The legend band above the plot: each line's swatch (recharts' line-and-circle icon) and name. */
function Legend({ series, width }: { series: readonly Series[]; width: number }) {
  return (
    <div className="line-chart-legend" style={{ left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right, height: LEGEND_HEIGHT }}>
      <ul>
        {byName(series).map((s) => (
          <li key={s.key}>
            <LegendSwatch colour={s.colour} />
            <span>{s.name}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Under the pointer: a vertical line at the nearest step and a dot on each line there. */
function Cursor({ frame, series, point }: { frame: Frame; series: readonly Series[]; point: EpochLog }) {
  const x = frame.sx(point.epoch);
  return (
    <g>
      <line className="line-chart-cursor" x1={x} x2={x} y1={frame.plot.top} y2={frame.plot.bottom} />
      {series.map((s) => {
        const v = point[s.key];
        return v === undefined || !Number.isFinite(v) ? null : <circle key={s.key} cx={x} cy={frame.sy(s)(v)} r={4} fill={s.colour} stroke="#fff" strokeWidth={2} />;
      })}
    </g>
  );
}

/** The tooltip's distance from the point, as recharts places it. */
const OFFSET = 10;

/** Recharts' tooltip placement on one axis: after the point, or before it when it would pass the plot's far edge; never before its near edge. */
function place(at: number, extent: number, lo: number, hi: number): number {
  return at + OFFSET + extent > hi ? Math.max(at - extent - OFFSET, lo) : Math.max(at + OFFSET, lo);
}

/** The step's values in a box beside the pointer, placed as recharts places its tooltip. */
function Tip({ frame, series, point, pointerY, unit }: { frame: Frame; series: readonly Series[]; point: EpochLog; pointerY: number; unit: string }) {
  const tip = useRef<HTMLDivElement>(null);
  const placed = useRef(false);
  const { plot } = frame;
  const x = frame.sx(point.epoch);
  // Placed once laid out, when its size is known (recharts measures its tooltip too); it glides
  // from step to step, but appears where it belongs the first time.
  useLayoutEffect(() => {
    const el = tip.current;
    if (!el) return;
    el.style.transition = placed.current ? 'transform 400ms' : '';
    const { width, height } = el.getBoundingClientRect();
    el.style.transform = `translate(${place(x, width, plot.left, plot.right)}px, ${place(pointerY, height, plot.top, plot.bottom)}px)`;
    el.style.visibility = 'visible';
    placed.current = true;
  });
  return (
    <div ref={tip} className="line-chart-tip">
      <p>
        {unit} {point.epoch}
      </p>
      <ul>
        {byName(series).map((s) => {
          const v = point[s.key];
          return v === undefined ? null : (
            <li key={s.key}>
              {s.name} : {fmt(v)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
