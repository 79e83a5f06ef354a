import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { createTable } from '../../table/DataTable';
import type { Column } from '../../table/column';
import { SKLEARN } from '../../testing/selectionReference';
import { syntheticData } from '../../testing/selectionData';
import { categorical, numeric } from '../../testing/tables';
import { dropCorrelatedStep } from './dropCorrelated';
import { rfeStep } from './rfe';
import type { StepTarget } from '../step';
import { selectFromModelStep } from './selectFromModel';
import { selectKBestStep } from './selectKBest';
import { varianceThresholdStep } from './varianceThreshold';

// The steps over the selection maths (selection/*.test.ts checks the maths against scikit-learn):
// tables in, the columns scikit-learn keeps out, state that survives JSON, clear errors.
const syn = syntheticData();
const names = ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'];
const table = createTable([...syn.cols.map((values, j): Column => ({ kind: 'numeric', name: names[j], values })), categorical('tag', Array.from(syn.cols[0], (v) => (v > 0.5 ? 'hi' : 'lo')))]);
const classes3: StepTarget = { task: 'multiclass', y: syn.y3, classes: ['a', 'b', 'c'] };
const values: StepTarget = { task: 'regression', y: syn.yr, classes: [] };
const at = (indices: readonly number[]) => indices.map((j) => names[j]);
/** The model-based selectors' reference columns are indices into the table without x4. */
const withoutX4 = (indices: readonly number[]) => indices.map((j) => ['x0', 'x1', 'x2', 'x3', 'x5', 'x6', 'x7'][j]);

type AnyStep = { schema: Parameters<typeof resolveParams>[0]; fit: (...a: never[]) => unknown; transform: (...a: never[]) => unknown; checkState: (s: unknown, p: string) => void };
function run(step: AnyStep, raw: Record<string, unknown>, target?: StepTarget, seed = 7) {
  const params = resolveParams(step.schema, raw);
  const state = (step.fit as (t: typeof table, p: unknown, c: unknown) => { kept: string[] })(table, params, { target, seed });
  const again = JSON.parse(JSON.stringify(state));
  step.checkState(again, 'state');
  const out = (step.transform as (t: typeof table, p: unknown, s: unknown) => typeof table)(table, params, again);
  return { state, out: out.columns.map((c) => c.name) };
}

describe('selection steps', () => {
  it('variance-threshold keeps what VarianceThreshold keeps; other kinds pass through', () => {
    const { state, out } = run(varianceThresholdStep as unknown as AnyStep, {});
    expect(state.kept).toEqual(at(SKLEARN.synthetic.variance_support_0));
    expect(out).toEqual([...at(SKLEARN.synthetic.variance_support_0), 'tag']);
    expect(run(varianceThresholdStep as unknown as AnyStep, { threshold: 0.001 }).state.kept).toEqual(at(SKLEARN.synthetic.variance_support_001));
  });
  it('select-k-best keeps SelectKBest\'s columns for each score', () => {
    expect(run(selectKBestStep as unknown as AnyStep, { k: 3 }, classes3).state.kept).toEqual(at(SKLEARN.synthetic.kbest3_f_classif));
    expect(run(selectKBestStep as unknown as AnyStep, { k: 3 }, values).state.kept).toEqual(at(SKLEARN.synthetic.kbest3_f_regression));
    expect(run(selectKBestStep as unknown as AnyStep, { k: 3, score: 'chi2' }, classes3).state.kept).toEqual(at(SKLEARN.synthetic.kbest3_chi2));
    expect(run(selectKBestStep as unknown as AnyStep, { k: 3, score: 'mutual-info' }, classes3, 7).state.kept).toEqual(at(SKLEARN.synthetic.kbest3_mi_classif));
    expect(run(selectKBestStep as unknown as AnyStep, { k: 3, score: 'mutual-info' }, values, 7).state.kept).toEqual(at(SKLEARN.synthetic.kbest3_mi_regression));
    // The constant column's F is NaN: null in the state (JSON has no NaN), still ranked last.
    const f = run(selectKBestStep as unknown as AnyStep, { k: 8 }, classes3).state as unknown as { scores: (number | null)[] };
    expect(f.scores[4]).toBeNull();
  });
  it('drop-correlated, select-from-model and rfe keep the reference columns', () => {
    const judged = { columns: ['x0', 'x1', 'x2', 'x3', 'x5', 'x6', 'x7'] };
    expect(run(dropCorrelatedStep as unknown as AnyStep, { ...judged }, values).state.kept).toEqual(withoutX4(SKLEARN.drop_correlated.synthetic_095_regression));
    expect(run(selectFromModelStep as unknown as AnyStep, { ...judged }, values).state.kept).toEqual(withoutX4(SKLEARN.from_model.lasso_mean));
    expect(run(selectFromModelStep as unknown as AnyStep, { ...judged }, classes3).state.kept).toEqual(withoutX4(SKLEARN.from_model.l1_logistic_3_mean));
    const forest = run(selectFromModelStep as unknown as AnyStep, { columns: ['x0', 'x1', 'x2', 'x3', 'x5', 'x7'], model: 'forest', trees: 200 }, values, 0).state;
    // scikit-learn's forest keeps x0, x2, x7; x2 sits within 5% of the mean importance, where two
    // forests' trees decide differently (selection.test.ts checks the clear-cut columns over seeds).
    expect(forest.kept).toEqual(expect.arrayContaining(['x0', 'x7']));
    expect(forest.kept).not.toContain('x3');
    expect(forest.kept).not.toContain('x5');
    expect(run(rfeStep as unknown as AnyStep, { ...judged, features: 3 }, classes3).state.kept).toEqual(withoutX4(SKLEARN.rfe.logistic_3));
    expect(run(rfeStep as unknown as AnyStep, { ...judged, features: 3 }, values).state.kept).toEqual(withoutX4(SKLEARN.rfe.linear_3));
  });
  it('rfe with cross-validation keeps its curve for the chart and the count it chose', () => {
    const { state } = run(rfeStep as unknown as AnyStep, { columns: ['x0', 'x1', 'x2', 'x3', 'x5', 'x6', 'x7'], cv: 5 }, classes3);
    const curve = (state as unknown as { curve: { counts: number[]; scores: number[]; chosen: number } }).curve;
    expect(curve.counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(state.kept).toHaveLength(curve.chosen);
    // The chosen count has the best mean score (the fewest columns among equals).
    const best = Math.max(...curve.scores);
    expect(curve.scores[curve.counts.indexOf(curve.chosen)]).toBe(best);
    expect(curve.scores.slice(0, curve.counts.indexOf(curve.chosen)).every((s) => s < best)).toBe(true);
  });
  it('the supervised selectors need a target; chi2 needs non-negative values', () => {
    for (const step of [selectKBestStep, selectFromModelStep, rfeStep]) {
      expect(() => run(step as unknown as AnyStep, {})).toThrow(/learns from the target column/);
    }
    // drop-correlated works without one: of each pair the later column goes.
    expect(run(dropCorrelatedStep as unknown as AnyStep, {}).state.kept).not.toContain('x6');
    const negative = createTable([numeric('a', [1, -2, 3, 4]), numeric('b', [1, 2, 3, 4])]);
    const params = resolveParams(selectKBestStep.schema, { score: 'chi2', k: 1 });
    expect(() => selectKBestStep.fit(negative, params, { target: { task: 'binary', y: Float64Array.of(0, 1, 0, 1), classes: ['n', 'y'] }, seed: 1 })).toThrow(/non-negative values.*column "a" has -2 at data row 2/);
  });
  it('a gap is a clear error naming the column and row; a named column that is absent too', () => {
    const gappy = createTable([numeric('a', [1, NaN, 3, 4]), numeric('b', [1, 2, 3, 5])]);
    const params = resolveParams(selectKBestStep.schema, { k: 1 });
    expect(() => selectKBestStep.fit(gappy, params, { target: { task: 'regression', y: Float64Array.of(1, 2, 3, 4), classes: [] }, seed: 1 })).toThrow(/column "a": it has missing values \(first at data row 2\)/);
    expect(() => selectKBestStep.fit(gappy, resolveParams(selectKBestStep.schema, { columns: ['zz'] }), { target: { task: 'regression', y: Float64Array.of(1, 2, 3, 4), classes: [] }, seed: 1 })).toThrow(/"zz"/);
  });
  it('replay skips judged columns the table no longer has, and drops nothing else', () => {
    const { state } = run(varianceThresholdStep as unknown as AnyStep, {});
    const partial = createTable([numeric('x4', [1, 2]), numeric('other', [3, 4])]);
    const out = varianceThresholdStep.transform(partial, resolveParams(varianceThresholdStep.schema, {}), state as never);
    expect(out.columns.map((c) => c.name)).toEqual(['other']);
  });
  it('checkState rejects null and a kept column that was never judged', () => {
    expect(() => selectKBestStep.checkState(null, 'state')).toThrow(/state/);
    expect(() => selectKBestStep.checkState({ columns: ['a'], kept: ['b'], scores: [1], score: 'f' }, 'state')).toThrow(/state\.kept\[0\]/);
  });
});
