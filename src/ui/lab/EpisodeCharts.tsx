import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpisodeLog } from '../../core/rl/types';
import { ChartFigure } from '../charts/ChartFigure';
import { fmt } from '../format';
import { movingAverage, smoothingWindow, thinnedIndices } from './series';

/** One chart point: an episode's return, steps and ε, with the moving averages. */
interface Point {
  readonly episode: number;
  readonly return: number;
  readonly returnAvg: number;
  readonly steps: number;
  readonly stepsAvg: number;
  readonly epsilon: number;
}

/** The points drawn: every episode's values with the moving averages, thinned to about 400. */
function points(curve: readonly EpisodeLog[]): { data: Point[]; window: number } {
  const window = smoothingWindow(curve.length);
  const returnAvg = movingAverage(curve.map((e) => e.return), window);
  const stepsAvg = movingAverage(curve.map((e) => e.steps), window);
  const data = thinnedIndices(curve.length).map((i) => ({ episode: curve[i].episode, return: curve[i].return, returnAvg: returnAvg[i], steps: curve[i].steps, stepsAvg: stepsAvg[i], epsilon: curve[i].epsilon }));
  return { data, window };
}

/**
 * The learner's progress: reward (return) per episode and steps per episode, each with its moving
 * average, and ε over the episodes. Each chart has its numbers behind "Show data as a table".
 */
export function EpisodeCharts({ curve, returnLabel = 'Reward per episode' }: { curve: readonly EpisodeLog[]; returnLabel?: string }) {
  const { data, window } = useMemo(() => points(curve), [curve]);
  if (!curve.length) return null;
  const table = () => ({ columns: ['Episode', 'Reward', `Reward, mean of ${window}`, 'Steps', 'ε'], rows: data.map((p) => [p.episode, p.return, p.returnAvg, p.steps, p.epsilon]) });
  return (
    <div className="lab-charts">
      <ChartFigure label={`${returnLabel}, with its moving average over ${window} episodes`} table={table} caption={`Faint: each episode; bold: the mean of the last ${window}.`}>
        <Series data={data} raw="return" avg="returnAvg" rawName="reward" avgName={`mean of ${window}`} colour="var(--accent)" />
      </ChartFigure>
      <ChartFigure label={`Steps per episode, with its moving average over ${window} episodes`} table={table}>
        <Series data={data} raw="steps" avg="stepsAvg" rawName="steps" avgName={`mean of ${window}`} colour="var(--purple)" />
      </ChartFigure>
      <ChartFigure label="Exploration ε over the episodes" table={table} caption="The chance of a random move: high while the agent explores, low once it exploits what it learned.">
        <ResponsiveContainer width="100%" height={150}>
          <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="episode" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: 'episode', position: 'insideBottom', offset: -8 }} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} width={40} tickFormatter={fmt} />
            <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `episode ${l}`} />
            <Line type="monotone" dataKey="epsilon" name="ε" stroke="var(--orange)" dot={false} isAnimationActive={false} strokeWidth={2} />
          </LineChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}

function Series({ data, raw, avg, rawName, avgName, colour }: { data: Point[]; raw: keyof Point; avg: keyof Point; rawName: string; avgName: string; colour: string }) {
  return (
    <ResponsiveContainer width="100%" height={190}>
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="episode" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 12 }} label={{ value: 'episode', position: 'insideBottom', offset: -8 }} />
        <YAxis tick={{ fontSize: 12 }} width={48} tickFormatter={fmt} />
        <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `episode ${l}`} />
        <Legend verticalAlign="top" height={24} />
        <Line type="monotone" dataKey={raw} name={rawName} stroke={colour} strokeOpacity={0.3} dot={false} isAnimationActive={false} strokeWidth={1} />
        <Line type="monotone" dataKey={avg} name={avgName} stroke={colour} dot={false} isAnimationActive={false} strokeWidth={2.5} />
      </LineChart>
    </ResponsiveContainer>
  );
}
