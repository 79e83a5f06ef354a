import { describe, expect, it } from 'vitest';
import type { EpochLog } from '../../core/models/model';
import { lossChartLayout, seriesOf } from './LossChart';

/** 17 epochs of a network with a validation split: losses falling from 0.41, accuracy near 0.92. */
const history: EpochLog[] = Array.from({ length: 17 }, (_, i) => ({ epoch: i + 1, epochs: 17, loss: 0.14 + 0.27 / (i + 1) ** 2, valLoss: 0.17 + 0.06 / (i + 1), valMetric: 0.9 + i / 1000 }));

describe('lossChartLayout', () => {
  it('puts the plot, ticks and scales where recharts put them in the same 623 px chart', () => {
    // The reference numbers are read off the DOM recharts drew for this chart (LineChart, margins
    // 8/24/16/8, legend 28 px on top, loss axis 56 px, metric axis 48 px) before it was replaced.
    const frame = lossChartLayout(history, seriesOf(true, 'training loss', 'validation loss', 'validation accuracy', true, true), 623, true);
    expect(frame.plot).toEqual({ left: 64, right: 551, top: 36, bottom: 234 });
    expect(frame.xTicks).toEqual([1, 5, 9, 13, 17]);
    expect(frame.xTicks.map(frame.sx)).toEqual([64, 185.75, 307.5, 429.25, 551]);
    expect(frame.lossTicks).toEqual([0, 0.15, 0.3, 0.45, 0.6]);
    expect(frame.lossTicks.map(frame.sLoss)).toEqual([234, 184.5, 135, 85.5, 36]);
    expect(frame.metricTicks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(frame.metricTicks.map(frame.sMetric)).toEqual([234, 184.5, 135, 85.5, 36]);
    // Each line runs from the first epoch to the last, on its own axis: loss 0.41 at 234 − 0.41 / 0.6 × 198 = 98.7, accuracy 0.9 at 234 − 0.9 × 198 = 55.8.
    expect(frame.paths[0]).toMatch(/^M64,98\.7C/);
    expect(frame.paths[0]).toMatch(/,551,\d+(\.\d+)?$/);
    expect(frame.paths[2]).toMatch(/^M64,55\.8C/);
  });

  it('gives the plot the metric axis width when there is no validation metric', () => {
    const rounds = history.map(({ valMetric: _, ...h }) => h);
    const frame = lossChartLayout(rounds, seriesOf(true, 'training loss', 'validation loss', 'validation accuracy', true, false), 623, true);
    expect(frame.plot.right).toBe(599);
    expect(frame.metricTicks).toEqual([]);
    expect(frame.paths).toHaveLength(2);
  });

  it('breaks a line where a value is missing, as recharts does without connectNulls', () => {
    const gappy = history.map((h, i) => (i === 8 ? { ...h, valLoss: undefined } : h));
    const frame = lossChartLayout(gappy, seriesOf(true, 'training loss', 'validation loss', 'validation accuracy', true, false), 623, true);
    expect(frame.paths[1].match(/M/g)).toHaveLength(2);
    expect(frame.paths[0].match(/M/g)).toHaveLength(1);
  });
});
