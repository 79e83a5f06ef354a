import { getModelInfo } from '../models/info';
import { isClassification } from '../problem';
import { type DataTable, selectRows } from '../table/DataTable';
import { SaplingError } from '../util/errors';
import { own } from '../util/keyed';
import { createRng, shuffleInPlace } from '../util/rng';
import type { TrainConfig } from '../train/config';
import { cvFolds, meanAndStd } from '../train/crossValidate';
import { runTraining } from '../train/runTraining';
import type { RunContext } from '../train/singleRun';
import { nestedContext } from '../train/singleRun';

/** One point of a curve: the training and validation scores (mean and spread over the folds). */
export interface CurvePoint {
  /** Training rows (learning curve) or the parameter's value (validation curve). */
  readonly x: number | string;
  readonly train: { readonly mean: number; readonly std: number };
  readonly validation: { readonly mean: number; readonly std: number };
  /**
   * Validation curve: set when `x` switches the setting off (a maximum depth of 0 is no limit), to
   * the words for it. Such a point comes last and is drawn apart from the number line: at the left
   * end it reads as the shallowest depth.
   */
  readonly apart?: string;
}

export interface Curve {
  readonly metric: 'accuracy' | 'r2';
  readonly points: readonly CurvePoint[];
  /** What the curve says, in a sentence or two a person can act on. */
  readonly reading: string;
  /** Validation curve: the index of the point with the best validation score (the first of ties). */
  readonly best?: number;
}

/** Shares of each fold's training rows the learning curve trains on. */
export const LEARNING_SIZES = [0.1, 0.25, 0.5, 0.75, 1];

/**
 * The learning curve: for growing shares of the training rows, the training and cross-validated
 * scores (each fold's training part subsampled, its validation part whole), with a reading:
 * overfitting (a wide gap), underfitting (both low and close), or whether more data still helps.
 */
export async function learningCurve(table: DataTable, config: TrainConfig, folds: number, ctx: RunContext = {}): Promise<Curve> {
  const metric = isClassification(config.problem.task) ? 'accuracy' : 'r2';
  const { splits } = cvFolds(table, config, { folds });
  const rng = createRng(config.seed ^ 0x1ea7);
  // One seeded order of each fold's training rows: smaller sizes are prefixes of larger ones.
  const orders = splits.map((s) => shuffleInPlace(Int32Array.from(s.train), rng));
  const points: CurvePoint[] = [];
  for (const share of LEARNING_SIZES) {
    const scores = [];
    for (let f = 0; f < splits.length; f++) {
      const count = Math.max(2, Math.round(orders[f].length * share));
      const rows = Int32Array.from(orders[f].subarray(0, count)).sort();
      scores.push(await score(table, rows, splits[f].test, config, metric, ctx));
    }
    points.push({ x: Math.round(orders.reduce((a, o) => a + o.length * share, 0) / orders.length), ...summarise(scores) });
  }
  return { metric, points, reading: readLearning(points, metric) };
}

/**
 * The validation curve: the training and cross-validated scores for each value of one model
 * parameter (the others as in the config), with a reading of where it fits best and which side
 * over- or underfits (the reading names the parameter by `label`: the studio's form label, the
 * CLI's id).
 */
export async function validationCurve(table: DataTable, config: TrainConfig, param: string, values: readonly (number | string | boolean)[], folds: number, ctx: RunContext = {}, label = param): Promise<Curve> {
  if (values.length < 2) throw new SaplingError('bad-param', `a validation curve needs at least 2 values of "${param}"`);
  const metric = isClassification(config.problem.task) ? 'accuracy' : 'r2';
  const { splits } = cvFolds(table, config, { folds });
  const off = offValue(config.model.id, param);
  // The "off" value is tried last, whatever its place in `values`: it is not the low end of the range.
  const ordered = [...values.filter((v) => v !== off?.value), ...values.filter((v) => v === off?.value)];
  const points: CurvePoint[] = [];
  for (const value of ordered) {
    const candidate = { ...config, model: { ...config.model, params: { ...config.model.params, [param]: value } } };
    const scores = [];
    for (const s of splits) scores.push(await score(table, s.train, s.test, candidate, metric, ctx));
    points.push({ x: typeof value === 'boolean' ? String(value) : value, ...summarise(scores), ...(off && value === off.value ? { apart: off.label } : {}) });
  }
  const best = bestPoint(points);
  return { metric, points, reading: readValidation(points[best], points, label, metric), best };
}

/** The value of a model's number setting that switches it off (maxDepth 0, no limit), if it has one. */
function offValue(model: string, param: string): { value: number; label: string } | undefined {
  const spec = own(getModelInfo(model).schema, param);
  return spec?.type === 'number' ? spec.off : undefined;
}

async function score(table: DataTable, train: Int32Array, test: Int32Array, config: TrainConfig, metric: string, ctx: RunContext): Promise<{ train: number; validation: number }> {
  const { report } = await runTraining(selectRows(table, train), { ...config, validation: undefined }, nestedContext(ctx), selectRows(table, test));
  return { train: report.metrics.train[metric], validation: report.metrics.test[metric] };
}

function summarise(scores: { train: number; validation: number }[]): Pick<CurvePoint, 'train' | 'validation'> {
  return { train: meanAndStd(scores.map((s) => s.train)), validation: meanAndStd(scores.map((s) => s.validation)) };
}

/** Gap (training − validation) above which the model reads as overfitting. */
const WIDE_GAP = 0.05;
/** Gap above which it reads as some overfitting: a steady 0.05 is not a good fit. */
const SOME_GAP = 0.02;

/**
 * What a learning curve says: overfitting (a wide gap between training and validation scores at
 * the largest size), some overfitting (a smaller gap, and whether it closes as rows grow),
 * underfitting (both low), or no sign of either; then whether more rows of the same kind would help.
 */
export function readLearning(points: readonly CurvePoint[], metric: string): string {
  const last = points[points.length - 1];
  const before = points[points.length - 2];
  const gapAt = (p: CurvePoint) => p.train.mean - p.validation.mean;
  const gap = gapAt(last);
  const firstGap = gapAt(points[0]);
  const rising = last.validation.mean - before.validation.mean > Math.max(last.validation.std, 0.005);
  const name = metric === 'r2' ? 'R²' : 'accuracy';
  const scores = `${name} ${last.train.mean.toFixed(3)} on rows it trained on but ${last.validation.mean.toFixed(3)} on rows it did not (a gap of ${gap.toFixed(3)})`;
  // Whether more rows would help is said once, below, from the validation score alone.
  const trend = firstGap - gap > SOME_GAP ? ` The gap narrowed as rows were added (from ${firstGap.toFixed(3)} at the smallest size).` : ` The gap has not narrowed as rows were added (${firstGap.toFixed(3)} at the smallest size).`;
  const parts: string[] = [];
  if (gap > WIDE_GAP) parts.push(`Overfitting: with all the training rows the model scores ${scores}; a simpler model or more regularisation should close it.${trend}`);
  else if (gap > SOME_GAP) parts.push(`Some overfitting: with all the training rows the model scores ${scores}, a steady sign that it learns its training rows better than new ones.${trend}`);
  else if (metric === 'accuracy' ? last.train.mean < 0.75 : last.train.mean < 0.5) parts.push(`Underfitting: even on its own training rows the model reaches only ${name} ${last.train.mean.toFixed(3)}, close to its validation score; a more flexible model or better features should help more than more rows.`);
  else parts.push(`No sign of overfitting: training and validation ${name} are close (${last.train.mean.toFixed(3)} and ${last.validation.mean.toFixed(3)}).`);
  parts.push(rising ? `The validation score was still rising at the largest size (${before.validation.mean.toFixed(3)} → ${last.validation.mean.toFixed(3)}): more data would likely help.` : 'The validation score has levelled off: more rows of the same kind are unlikely to help much.');
  return parts.join(' ');
}

/** The point with the best validation score (the first of ties). */
function bestPoint(points: readonly CurvePoint[]): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) if (points[i].validation.mean > points[best].validation.mean) best = i;
  return best;
}

function readValidation(b: CurvePoint, points: readonly CurvePoint[], param: string, metric: string): string {
  const name = metric === 'r2' ? 'R²' : 'accuracy';
  const at = (p: CurvePoint) => p.apart ?? String(p.x);
  // The widening is read along the number line; a point apart (no limit) is not one of its ends.
  const line = points.filter((p) => !p.apart);
  const gaps = line.map((p) => p.train.mean - p.validation.mean);
  const widening = gaps.length > 1 ? gaps[gaps.length - 1] - gaps[0] : 0;
  const side = widening > WIDE_GAP ? ` Towards ${at(line[line.length - 1])} the gap between training and validation widens: that end overfits.` : widening < -WIDE_GAP ? ` Towards ${at(line[0])} the gap widens: that end overfits.` : '';
  const apart = points.find((p) => p.apart);
  const offText = apart && apart !== b ? ` With ${apart.apart}: training ${apart.train.mean.toFixed(3)}, validation ${apart.validation.mean.toFixed(3)}.` : '';
  return `The best validation ${name}, ${b.validation.mean.toFixed(3)} ± ${b.validation.std.toFixed(3)}, comes at ${param} = ${at(b)}.${side}${offText}`;
}
