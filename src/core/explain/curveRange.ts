import type { NumberParam, ParamSpec } from '../params';
import { SaplingError } from '../util/errors';

/**
 * The values a validation curve tries over one setting. A number setting is tried at `points`
 * values from `from` to `to` (the person may choose them), and its "off" value (a tree's maximum
 * depth 0, no limit) apart, when `withOff`; a choice or a yes/no setting at every value.
 */
export interface CurveRange {
  readonly from: number;
  readonly to: number;
  readonly points: number;
  /** Also try the setting's "off" value (`NumberParam.off`), shown apart from the number line. */
  readonly withOff: boolean;
}

/** Most values one validation curve tries (each is trained once per fold). */
export const MAX_CURVE_POINTS = 20;
/** Values tried over a whole-number interval unless the person says otherwise (depths 1, 2, 3, 4, 6, 8, 13, 20). */
export const DEFAULT_CURVE_POINTS = 8;
/** Values tried over any other interval unless the person says otherwise. */
const DEFAULT_FRACTION_POINTS = 6;
/** A range spanning this factor or more (from > 0) is spread geometrically: dense at the low end, where depths and rates matter most. */
const LOG_SPAN = 4;

/**
 * The range a validation curve tries by default for a number setting: its search range (`tune`)
 * without its "off" value; a depth-like setting (whole numbers whose lowest value means no limit)
 * starts at the shallow end, 1, so the underfitting side of the curve is seen.
 */
export function defaultCurveRange(spec: NumberParam): CurveRange {
  const off = spec.off?.value;
  const tune = spec.tune;
  const listed = tune && tune !== true && 'values' in tune ? tune.values.filter((v): v is number => typeof v === 'number' && v !== off) : null;
  const interval = tune && tune !== true && 'min' in tune ? tune : { min: spec.min ?? spec.default, max: spec.max ?? spec.default };
  const lowest = listed ? Math.min(...listed) : interval.min === off ? lowestOn(spec) : interval.min;
  const depthLike = Boolean(spec.integer && off !== undefined && off === spec.min);
  const from = depthLike ? lowestOn(spec) : lowest;
  const to = listed ? Math.max(...listed) : interval.max;
  return { from, to, points: defaultPoints(spec, from, to, listed && !depthLike ? listed.length : null), withOff: off !== undefined };
}

/**
 * How many values a default range tries: a listed range its own count (0.01 … 100 in 5 steps gives
 * back 0.01, 0.1, 1, 10, 100); whole numbers DEFAULT_CURVE_POINTS; a log range over whole decades
 * one per decade (C 0.001 … 100: 0.001, 0.01, …); others DEFAULT_FRACTION_POINTS.
 */
function defaultPoints(spec: NumberParam, from: number, to: number, listed: number | null): number {
  const decades = from > 0 ? Math.log10(to / from) : 0;
  const wholeDecades = Math.abs(decades - Math.round(decades)) < 1e-9 && decades >= 2 && decades < MAX_CURVE_POINTS;
  const points = listed !== null ? Math.max(2, listed) : spec.integer ? DEFAULT_CURVE_POINTS : isGeometric(spec, from, to) && wholeDecades ? Math.round(decades) + 1 : DEFAULT_FRACTION_POINTS;
  return Math.min(points, spread(spec, from, to, MAX_CURVE_POINTS).length);
}

/** Whether values from `from` to `to` are spread geometrically (see `spread`). */
function isGeometric(spec: NumberParam, from: number, to: number): boolean {
  return from > 0 && (Boolean(spec.log) || to / from >= LOG_SPAN);
}

/** The lowest value of a setting that is not its "off" value (1 for a depth whose 0 is no limit). */
function lowestOn(spec: NumberParam): number {
  const min = spec.min ?? 0;
  return spec.integer && spec.off?.value === min ? min + 1 : min;
}

/**
 * What is wrong with a range for a number setting, in words for the person (`label` names the
 * setting), or null when it can be tried.
 */
export function curveRangeProblem(spec: NumberParam, range: CurveRange, label: string): string | null {
  const { from, to, points } = range;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `From and To must be numbers.`;
  if (!Number.isInteger(points) || points < 2 || points > MAX_CURVE_POINTS) return `Points must be a whole number from 2 to ${MAX_CURVE_POINTS}.`;
  if (spec.integer && (!Number.isInteger(from) || !Number.isInteger(to))) return `${label} takes whole numbers: From and To must be whole numbers.`;
  if (from >= to) return `From (${from}) must be below To (${to}).`;
  const off = spec.off;
  if (off && from <= off.value && off.value === spec.min) return `From must be above ${off.value}: ${label} ${off.value} means ${off.label}${range.withOff ? ', which is tried apart' : ''}.`;
  if (spec.min !== undefined && from < spec.min) return `From must be at least ${spec.min}, the lowest ${label} allowed.`;
  if (spec.max !== undefined && to > spec.max) return `To must be at most ${spec.max}, the highest ${label} allowed.`;
  return null;
}

/**
 * The values a validation curve tries for setting `spec`: a number setting's `range` (its default
 * range when none is given; an error naming the problem when it cannot be tried) spread over
 * `points` values, then its "off" value; a choice's options; false and true.
 */
export function curveValues(spec: ParamSpec, range: CurveRange | undefined, label: string): (number | string | boolean)[] {
  if (spec.type === 'choice') return spec.options.map((o) => o.value);
  if (spec.type === 'boolean') return [false, true];
  if (spec.type !== 'number') throw new SaplingError('bad-param', `${label} is not a setting a curve can vary`);
  const r = range ?? defaultCurveRange(spec);
  const problem = curveRangeProblem(spec, r, label);
  if (problem) throw new SaplingError('bad-param', `validation curve of ${label}: ${problem}`);
  const values = spread(spec, r.from, r.to, r.points);
  return r.withOff && spec.off ? [...values, spec.off.value] : values;
}

/**
 * `points` values from `from` to `to`: geometric when the range spans a factor of LOG_SPAN or more
 * (or the setting is log-scaled), even otherwise; whole numbers for integer settings, each at
 * least one above the one before, so the low end is tried value by value (depth 1, 2, 3, …).
 */
function spread(spec: NumberParam, from: number, to: number, points: number): number[] {
  const geometric = isGeometric(spec, from, to);
  const count = spec.integer ? Math.min(points, to - from + 1) : points;
  const at = (i: number) => {
    const t = i / (count - 1);
    return geometric ? from * Math.pow(to / from, t) : from + t * (to - from);
  };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!spec.integer) {
      out.push(i === count - 1 ? to : Number(at(i).toPrecision(3)));
      continue;
    }
    const previous = out.length ? out[out.length - 1] : from - 1;
    out.push(Math.min(to, Math.max(previous + 1, Math.round(at(i)))));
  }
  return [...new Set(out)];
}
