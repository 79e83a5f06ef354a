// One column's drift between the reference and the current rows, the test chosen as Evidently's
// `get_default_stattest` chooses it (evidently/calculations/stattests/registry.py):
//
//   reference values ≤ smallReference (1000)   numbers with more than 5 distinct values    ks
//                                              numbers with at most 5, and categories       chi2
//   more reference values                      numbers with more than 5 distinct values    wasserstein (normed)
//                                              numbers with at most 5, and categories       jensen-shannon
//
// (Evidently counts distinct values over both sides together, and picks a z-test for two
// categories; the contract has no z-test, so chi-square stands in for it.) With raw reference rows
// every statistic is SciPy's on the same values; with only the reference's sketch, KS and
// Wasserstein read the sketch's quantile bins (sketch.ts says how close they come) and the counts
// tests read its category counts (a numeric column of few values is counted on the sketch's bins).
import { categoricalCountsOn, categoricalSketch, distinctValuesOf, ks2sampSketch, numericSketch, numericSketchOn, psiCounts, wassersteinSketch } from './sketch';
import { chiSquare, chiSquareTwoSample, jensenShannon, ks2sampSorted, psi, sortedFinite, wassersteinSorted } from './stats';
import type { SketchInput } from './reference';
import type { CategoricalSketch, ColumnDrift, DriftTest, NumericSketch, PsiBand, Sketch } from './types';

/** The thresholds of a run, defaults filled in. */
export interface DriftSettings {
  readonly smallReference: number;
  readonly pThreshold: number;
  readonly distanceThreshold: number;
}

/** Evidently's defaults. */
export const DEFAULT_DRIFT_SETTINGS: DriftSettings = { smallReference: 1000, pThreshold: 0.05, distanceThreshold: 0.1 };

/** Numbers with at most this many distinct values are tested as categories (Evidently's rule). */
const FEW_VALUES = 5;
/** Evidently's floor under the reference's standard deviation when the Wasserstein distance is normed. */
const STD_FLOOR = 0.001;

/** What the tests need of one reference column, prepared once per run. */
export interface ReferenceColumn {
  readonly column: string;
  readonly kind: 'numeric' | 'categorical';
  readonly sketch: Sketch;
  /** The raw reference values without the missing ones (numbers sorted ascending, or labels); absent when only the sketch is known. */
  readonly raw?: Float64Array | readonly string[];
  /** Non-missing reference values (the size the test choice reads). */
  readonly rows: number;
  /** Numbers: the distinct reference values when there are at most 5 (a sketch holds such a column exactly), else null. */
  readonly few: readonly number[] | null;
}

/** A reference column from raw rows (a reference CSV, or the reference's own predictions). */
export function rawReferenceColumn(column: string, input: SketchInput): ReferenceColumn {
  if (input.kind === 'numeric') {
    // Sorted once here: a run tests the same reference against the whole and against every chunk.
    const raw = sortedFinite(input.values);
    return { column, kind: 'numeric', sketch: numericSketch(input.values), raw, rows: raw.length, few: fewDistinct(raw) };
  }
  const raw = input.values.filter((v): v is string => v !== null);
  return { column, kind: 'categorical', sketch: categoricalSketch(input.values), raw, rows: raw.length, few: null };
}

/** A reference column from its sketch alone (the model file's reference). */
export function sketchReferenceColumn(column: string, sketch: Sketch): ReferenceColumn {
  if (sketch.kind === 'categorical') return { column, kind: 'categorical', sketch, rows: sketch.count, few: null };
  const distinct = distinctValuesOf(sketch);
  return { column, kind: 'numeric', sketch, rows: sketch.count, few: distinct && distinct.length <= FEW_VALUES ? distinct : null };
}

/** The drift of `current` (the same column's current values) from the reference column. */
export function columnDrift(ref: ReferenceColumn, current: SketchInput, settings: DriftSettings = DEFAULT_DRIFT_SETTINGS): ColumnDrift {
  if (ref.kind !== current.kind) throw new Error(`internal error: column "${ref.column}" is ${ref.kind} in the reference and ${current.kind} now`);
  const missingShare = { reference: shareOf(ref.sketch.missing, ref.sketch.count + ref.sketch.missing), current: shareOf(missingCount(current), current.values.length) };
  const common = { column: ref.column, kind: ref.kind, missing_share: missingShare };
  const parts = current.kind === 'numeric' ? numericParts(ref, current.values, settings) : categoricalParts(ref, current.values, settings);
  const pTest = parts.test === 'ks' || parts.test === 'chi2';
  const threshold = pTest ? settings.pThreshold : settings.distanceThreshold;
  // Evidently: drift when p < threshold, or when a distance reaches it (>=).
  const drifted = parts.empty ? parts.statistic > 0 : pTest ? parts.pValue! < threshold : parts.statistic >= threshold;
  return {
    ...common,
    test: parts.test,
    statistic: parts.statistic,
    p_value: pTest ? parts.pValue! : null,
    threshold,
    drifted,
    psi: parts.psi,
    psi_band: psiBand(parts.psi),
    effect_size: parts.effect,
    reference: ref.sketch,
    current: parts.current,
  };
}

interface Parts {
  test: DriftTest;
  statistic: number;
  pValue: number | null;
  psi: number;
  effect: number;
  current: Sketch;
  /** One side has no values to test (see emptySide). */
  empty: boolean;
}

function numericParts(ref: ReferenceColumn, values: Float64Array, settings: DriftSettings): Parts {
  const sketch = ref.sketch as NumericSketch;
  const present = sortedFinite(values);
  const current = numericSketchOn(sketch, values);
  const small = ref.rows <= settings.smallReference;
  const effect = present.length ? Math.abs(current.mean - sketch.mean) / Math.max(sketch.std, STD_FLOOR) : 0;
  if (!present.length || !ref.rows) return { test: small ? 'ks' : 'wasserstein', ...emptySide(ref.rows, present.length), effect, current };
  const discrete = ref.few !== null && fewDistinct(present, ref.few) !== null;
  if (discrete) {
    const { reference: r, current: c } = ref.raw ? valueCounts(ref.raw as Float64Array, present) : binCounts(sketch, current);
    return { ...countsTest(r, c, small), psi: psi(r, c), effect, current, empty: false };
  }
  const bins = psiCounts(sketch, current);
  const psiValue = psi(bins.reference, bins.current);
  if (small) {
    const ks = ref.raw ? ks2sampSorted(ref.raw as Float64Array, present) : ks2sampSketch(sketch, present);
    return { test: 'ks', statistic: ks.statistic, pValue: ks.pValue, psi: psiValue, effect, current, empty: false };
  }
  const distance = ref.raw ? wassersteinSorted(ref.raw as Float64Array, present) : wassersteinSketch(sketch, present);
  return { test: 'wasserstein', statistic: distance / Math.max(sketch.std, STD_FLOOR), pValue: null, psi: psiValue, effect, current, empty: false };
}

function categoricalParts(ref: ReferenceColumn, values: readonly (string | null)[], settings: DriftSettings): Parts {
  const sketch = ref.sketch as CategoricalSketch;
  const aligned = categoricalCountsOn(sketch, values);
  const current = currentCategorical(sketch, aligned, values.length);
  const small = ref.rows <= settings.smallReference;
  if (!current.count || !ref.rows) return { test: small ? 'chi2' : 'jensen-shannon', ...emptySide(ref.rows, current.count), effect: 0, current };
  // Raw reference labels are counted exactly (no folding into "other"); the sketch's counts otherwise.
  const { reference: r, current: c } = ref.raw ? labelCounts(ref.raw as readonly string[], values) : aligned;
  return { ...countsTest(r, c, small), psi: psi(r, c), effect: cramersV(r, c), current, empty: false };
}

/**
 * A side without values cannot be tested: the column has gone missing (or has appeared), which is
 * drift (statistic 1, p 0); with neither side holding values, none.
 */
function emptySide(referenceValues: number, currentValues: number): Pick<Parts, 'statistic' | 'pValue' | 'psi' | 'empty'> {
  const moved = referenceValues > 0 !== currentValues > 0;
  return { statistic: moved ? 1 : 0, pValue: moved ? 0 : 1, psi: 0, empty: true };
}

/**
 * Chi-square or Jensen–Shannon on aligned counts. Chi-square's statistic is Evidently's (the current
 * counts against the reference's shares × current rows, SciPy's `chisquare`), but its p-value, which
 * decides drift, is the two-sample test's on the same counts (`chi2_contingency`): the shares-as-exact
 * p-value ignores that a small reference is itself a sample and raises false alarms (stats.ts).
 */
function countsTest(reference: readonly number[], current: readonly number[], small: boolean): Pick<Parts, 'test' | 'statistic' | 'pValue'> {
  // Categories absent from both sides say nothing (and would make 0/0).
  const keep = reference.map((r, i) => r > 0 || current[i] > 0);
  const r = reference.filter((_, i) => keep[i]);
  const c = current.filter((_, i) => keep[i]);
  if (!small) return { test: 'jensen-shannon', statistic: jensenShannon(r, c), pValue: null };
  const nRef = sum(r);
  const nCur = sum(c);
  const { statistic } = chiSquare(c, r.map((x) => (x / nRef) * nCur));
  return { test: 'chi2', statistic, pValue: chiSquareTwoSample(r, c).pValue };
}

/** Cramér's V of the 2 × k table of reference and current counts (0: same mix, 1: disjoint). */
export function cramersV(reference: readonly number[], current: readonly number[]): number {
  const n = sum(reference) + sum(current);
  const { pValue, statistic } = chiSquareTwoSample(reference, current);
  return Number.isNaN(pValue) ? 0 : Math.sqrt(statistic / n);
}

/** PSI bands: below 0.1 none, to 0.25 moderate, above major. */
export function psiBand(value: number): PsiBand {
  return value < 0.1 ? 'none' : value <= 0.25 ? 'moderate' : 'major';
}

/** Counts of each distinct value on either side (a numeric column of few values). */
function valueCounts(reference: Float64Array, current: Float64Array): { reference: number[]; current: number[] } {
  const keys = [...new Set([...reference, ...current])].sort((a, b) => a - b);
  const index = new Map(keys.map((k, i) => [k, i]));
  const r = new Array<number>(keys.length).fill(0);
  const c = new Array<number>(keys.length).fill(0);
  for (const v of reference) r[index.get(v)!]++;
  for (const v of current) c[index.get(v)!]++;
  return { reference: r, current: c };
}

/** A numeric column of few values known only by its sketch (which holds each value in a bin of its own): counted on its bins, and outside them. */
function binCounts(reference: NumericSketch, current: NumericSketch): { reference: number[]; current: number[] } {
  return { reference: [0, ...reference.counts, 0], current: [current.below ?? 0, ...current.counts, current.above ?? 0] };
}

/** Exact counts of every label on either side. */
function labelCounts(reference: readonly string[], current: readonly (string | null)[]): { reference: number[]; current: number[] } {
  const index = new Map<string, number>();
  const r: number[] = [];
  const c: number[] = [];
  const slot = (v: string) => {
    let i = index.get(v);
    if (i === undefined) {
      i = index.size;
      index.set(v, i);
      r.push(0);
      c.push(0);
    }
    return i;
  };
  for (const v of reference) r[slot(v)]++;
  for (const v of current) if (v !== null) c[slot(v)]++;
  return { reference: r, current: c };
}

/** The current values as a categorical sketch on the reference's categories (for charts). */
function currentCategorical(reference: CategoricalSketch, aligned: { categories: string[]; reference: number[]; current: number[] }, length: number): CategoricalSketch {
  const categories: Record<string, number> = Object.create(null) as Record<string, number>;
  let other = 0;
  let count = 0;
  aligned.categories.forEach((name, i) => {
    count += aligned.current[i];
    // The folded categories' entry is the one the reference counts but does not name.
    if (!Object.hasOwn(reference.categories, name) && aligned.reference[i] > 0) other += aligned.current[i];
    else categories[name] = aligned.current[i];
  });
  return { kind: 'categorical', count, missing: length - count, categories, other };
}

/** The distinct values of `values` (and of `seen`) when there are at most FEW_VALUES of them, else null. */
function fewDistinct(values: ArrayLike<number>, seen: readonly number[] = []): number[] | null {
  const distinct = new Set(seen);
  for (let i = 0; i < values.length; i++) {
    distinct.add(values[i]);
    if (distinct.size > FEW_VALUES) return null;
  }
  return [...distinct].sort((a, b) => a - b);
}

function missingCount(input: SketchInput): number {
  let n = 0;
  if (input.kind === 'numeric') {
    for (const v of input.values) if (Number.isNaN(v)) n++;
  } else for (const v of input.values) if (v === null) n++;
  return n;
}

function shareOf(part: number, whole: number): number {
  return whole ? part / whole : 0;
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
