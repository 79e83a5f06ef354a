import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_LABELS } from '../../core/evaluate/evaluate';
import type { ParamSchema } from '../../core/params';
import { leadingTrial } from '../../core/tune/tune';
import type { Trial } from '../../core/train/report';
import { coveringTicks, niceTicks } from '../charts/ticks';
import { fmt, fmtMetric } from '../format';
import { ChartFigure } from '../charts/ChartFigure';

/** A tuned value as a person reads it ("as set": the trial kept the value the model had before tuning). */
function shown(v: number | string | boolean | undefined): string {
  if (v === undefined) return 'as set';
  return typeof v === 'number' ? fmt(v) : String(v);
}

/**
 * The trials of a search, one row each as they are scored: the settings tried, the cross-validated
 * score ± spread, rows (halving's rounds) and time, the best so far marked; above them the scores
 * by trial with the best-so-far line.
 */
export function TrialTable({ trials, metric, schema, best }: { trials: readonly Trial[]; metric: 'accuracy' | 'r2'; schema: ParamSchema; best?: Trial }) {
  if (!trials.length) return null;
  const names = [...new Set(trials.flatMap((t) => Object.keys(t.params)))];
  const rounds = trials.some((t) => t.rung > 0);
  const leader = best ?? leadingTrial(trials);
  const label = METRIC_LABELS[metric] ?? metric;
  const points = trialPoints(trials);
  const scored = points.filter((p) => p.score !== null);
  // Round ticks enclosing the scores (recharts' own read 0.962, 0.9685, …).
  const values = scored.map((p) => p.score!);
  // (All scores equal: recharts' own domain, which pads around the one value.)
  const ticks = values.length && Math.max(...values) > Math.min(...values) ? coveringTicks(Math.min(...values), Math.max(...values), 4) : undefined;
  // Every trial's number while they are few, else round numbers from the first trial on.
  const last = Math.max(1, ...points.map((p) => p.trial));
  const trialTicks = last <= 10 ? Array.from({ length: last }, (_, i) => i + 1) : [1, ...niceTicks(0, last, 6).filter((t) => t > 1)];
  return (
    <div className="trials">
      {scored.length > 1 ? (
        // No data disclosure: the trials table below holds the same numbers.
        <ChartFigure label={`${label} of each trial (dots) and the best so far (line): from ${fmtMetric(Math.min(...values))} to ${fmtMetric(leader?.score)}, best at trial ${(leader?.index ?? 0) + 1}`}>
          <ResponsiveContainer width="100%" height={180}>
            <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="trial" type="number" domain={[1, 'dataMax']} ticks={trialTicks} allowDecimals={false} label={{ value: 'trial', position: 'insideBottom', offset: -8 }} tick={{ fontSize: 12 }} />
              <YAxis ticks={ticks} domain={ticks ? [ticks[0], ticks[ticks.length - 1]] : ['auto', 'auto']} width={56} tickFormatter={fmt} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => fmtMetric(Number(v))} />
              <Scatter dataKey="score" name={label} fill="var(--accent)" isAnimationActive={false} />
              <Line dataKey="best" name="best so far" type="stepAfter" stroke="var(--orange)" strokeWidth={2} dot={false} isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </ChartFigure>
      ) : null}
      <div className="table-scroll trial-scroll">
        <table aria-label="Tuning trials" className="metrics trial-table">
          <thead>
            <tr>
              <th scope="col">Trial</th>
              {names.map((n) => (
                <th scope="col" key={n}>
                  {schema[n]?.label ?? n}
                </th>
              ))}
              <th scope="col">{label} ± spread</th>
              {rounds ? <th scope="col">Round (rows)</th> : null}
              <th scope="col">Seconds</th>
            </tr>
          </thead>
          <tbody>
            {trials.map((t) => (
              <tr key={t.index} className={t.index === leader?.index ? 'chosen' : undefined}>
                <th scope="row">
                  {t.index + 1}
                  {t.index === leader?.index ? <span className="badge">best</span> : null}
                </th>
                {names.map((n) => (
                  <td key={n}>{shown(t.params[n])}</td>
                ))}
                <td>{Number.isNaN(t.score) ? <span title={t.error}>failed</span> : `${fmtMetric(t.score)} ± ${fmtMetric(t.std)}`}</td>
                {rounds ? <td>{`${t.rung + 1} (${t.rows.toLocaleString('en')})`}</td> : null}
                <td>{seconds(t.ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** A trial's time to the hundredth of a second. */
function seconds(ms: number): string {
  return ms < 10 ? '< 0.01' : (ms / 1000).toFixed(2);
}

/** Each trial's score (null when it failed) and the leading trial's so far (as the search ranks them), for the chart. */
function trialPoints(trials: readonly Trial[]): { trial: number; score: number | null; best: number | null }[] {
  return trials.map((t, i) => ({ trial: t.index + 1, score: Number.isNaN(t.score) ? null : t.score, best: leadingTrial(trials.slice(0, i + 1))?.score ?? null }));
}
