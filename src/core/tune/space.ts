import { type ParamSchema, type ParamSpec, appliesTo } from '../params';
import type { ModelTask } from '../problem';
import type { Rng } from '../util/rng';
import type { Dimension } from '../train/report';

/**
 * The parameters a schema marks for tuning (`tune`), with their ranges; with a task, only those
 * that act on it (a regression tree's split criterion would change nothing).
 */
export function searchSpace(schema: ParamSchema, task?: ModelTask): Dimension[] {
  const space: Dimension[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    if (task && !appliesTo(spec, task)) continue;
    const d = dimension(name, spec);
    if (d) space.push(d);
  }
  return space;
}

function dimension(name: string, spec: ParamSpec): Dimension | null {
  const range = spec.tune;
  if (!range) return null;
  if (range !== true && 'values' in range) return { name, kind: 'values', values: range.values };
  switch (spec.type) {
    case 'number': {
      const min = range === true ? spec.min : range.min;
      const max = range === true ? spec.max : range.max;
      if (min === undefined || max === undefined) return null;
      const log = range === true ? Boolean(spec.log) : Boolean(range.log ?? spec.log);
      return { name, kind: 'number', min, max, log: log && min > 0, integer: Boolean(spec.integer) };
    }
    case 'choice':
      return { name, kind: 'values', values: spec.options.map((o) => o.value) };
    case 'boolean':
      return { name, kind: 'values', values: [false, true] };
    default:
      return null;
  }
}

/** A random point of the space: uniform (or log-uniform) numbers, rounded for integers; uniform picks. */
export function sampleParams(space: readonly Dimension[], rng: Rng): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const d of space) {
    if (d.kind === 'values') {
      out[d.name] = d.values[rng.int(d.values.length)];
      continue;
    }
    const u = rng.next();
    const v = d.log ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min))) : d.min + u * (d.max - d.min);
    out[d.name] = d.integer ? Math.min(d.max, Math.max(d.min, Math.round(v))) : Number(v.toPrecision(4));
  }
  return out;
}

/**
 * Every combination of the space's points: its values, or `levels` points spread over each number
 * interval (geometrically on log scales; integers rounded and deduplicated).
 */
export function gridParams(space: readonly Dimension[], levels = 3): Record<string, number | string | boolean>[] {
  let grid: Record<string, number | string | boolean>[] = [{}];
  for (const d of space) {
    const points = dimensionPoints(d, levels);
    grid = grid.flatMap((g) => points.map((p) => ({ ...g, [d.name]: p })));
  }
  return grid;
}

/** A dimension's points: its values, or `levels` points spread over its interval (as `gridParams` spreads them). */
export function dimensionPoints(d: Dimension, levels: number): (number | string | boolean)[] {
  return d.kind === 'values' ? [...d.values] : numberLevels(d, levels);
}

function numberLevels(d: Extract<Dimension, { kind: 'number' }>, levels: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < levels; i++) {
    const t = levels === 1 ? 0.5 : i / (levels - 1);
    const v = d.log ? Math.exp(Math.log(d.min) + t * (Math.log(d.max) - Math.log(d.min))) : d.min + t * (d.max - d.min);
    points.push(d.integer ? Math.round(v) : Number(v.toPrecision(4)));
  }
  return [...new Set(points)];
}
