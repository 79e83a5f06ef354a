import { describe, expect, it } from 'vitest';
import { resolveParams } from '../../params';
import { type DataTable, createTable, getColumn } from '../../table/DataTable';
import type { CodedColumn, Column, NumericColumn } from '../../table/column';
import reference from '../../testing/encodeReference.json';
import { categorical, numeric } from '../../testing/tables';
import { createRng } from '../../util/rng';
import { aggregateStep, fitAggregate } from './aggregate';
import { aggregateTransform } from './aggregate.transform';
import { clipStep } from './clip';
import type { FitContext, NewStepDefinition } from './contract';
import { dropDuplicatesStep, firstOccurrences } from './dropDuplicates';
import { missingIndicatorStep } from './missingIndicator';
import { otherLabel, rareCategoriesStep } from './rareCategories';
import { targetEncodeStep } from './targetEncode';
import { compareCodePoints, tfidfStep } from './tfidf';
import { tokenize } from './tfidf.transform';

// Reference figures: scripts/encode-sklearn-reference.py (run with /usr/bin/python3), printed into
// src/core/testing/encodeReference.json (scikit-learn 1.2.1, NumPy 1.24.2, pandas 1.5.3).

const NO_TARGET: FitContext = { seed: 1 };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function run<S extends NewStepDefinition<any, any>>(step: S, train: DataTable, params: Record<string, unknown>, apply: DataTable = train, context: FitContext = NO_TARGET) {
  const p = resolveParams(step.schema, params);
  const state = step.fit(train, p, context);
  // The state crosses a model file: replay from its JSON round trip.
  const saved = JSON.parse(JSON.stringify(state));
  step.checkState(saved, 'state');
  return { state, out: step.transform(apply, p, saved) };
}

const values = (t: DataTable, name: string) => Array.from((getColumn(t, name) as NumericColumn).values);
const labels = (t: DataTable, name: string) => {
  const c = getColumn(t, name) as CodedColumn;
  return Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k]));
};
const nums = (name: string, xs: (number | null)[]): Column => numeric(name, xs.map((x) => (x === null ? NaN : x)));
const text = (name: string, xs: (string | null)[]): Column => ({ ...(categorical(name, xs) as CodedColumn), kind: 'text' });

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const ma = Array.from(a).reduce((s, v) => s + v, 0) / n;
  const mb = Array.from(b).reduce((s, v) => s + v, 0) / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

function close(actual: ArrayLike<number>, expected: readonly (number | null)[], tolerance = 1e-9) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] === null) expect(actual[i], `at ${i}`).toBeNaN();
    else expect(Math.abs(actual[i] - expected[i]!), `at ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThan(tolerance);
  }
}

describe('target-encode step', () => {
  const ref = reference.targetEncode;
  const train = createTable([categorical('island', ref.input.island)]);
  const unseen = createTable([categorical('island', ref.input.unseen)]);
  const multiclass: FitContext = { seed: 3, target: { task: 'multiclass', y: Float64Array.from(ref.input.multiclass), classes: ['Adelie', 'Chinstrap', 'Gentoo'] } };

  it('replays the full-data encodings, unseen categories taking the target mean (as TargetEncoder.transform)', () => {
    const { out } = run(targetEncodeStep, train, { shuffle: false }, unseen, multiclass);
    expect(out.columns.map((c) => c.name)).toEqual(['island|target=Adelie', 'island|target=Chinstrap', 'island|target=Gentoo']);
    ref['multiclass/auto'].transformUnseen.forEach((expected, j) => close((out.columns[j] as NumericColumn).values, expected));
  });

  it('encodes the training rows out of fold (as fit_transform with shuffle=False), one column for a number', () => {
    const p = resolveParams(targetEncodeStep.schema, { shuffle: false, smooth: 'fixed', smoothing: 2 });
    const context: FitContext = { seed: 3, target: { task: 'regression', y: Float64Array.from(ref.input.regression), classes: [] } };
    const state = targetEncodeStep.fit(train, p, context);
    const out = targetEncodeStep.fitTransform!(train, p, state, context);
    expect(out.columns.map((c) => c.name)).toEqual(['island|target']);
    close(values(out, 'island|target'), ref['regression/2.0'].fitTransform[0]);
    expect(targetEncodeStep.lineage!(state)).toEqual([['island|target', ['island']]]);
  });

  it('encodes a binary target as the share of the second class, in one column', () => {
    const context: FitContext = { seed: 3, target: { task: 'binary', y: Float64Array.from(ref.input.binary), classes: ['no', 'yes'] } };
    const { out } = run(targetEncodeStep, train, {}, unseen, context);
    close(values(out, 'island|target'), ref['binary/auto'].transformUnseen[0]);
  });

  it('shuffled folds repeat with the seed and still match the full-data encodings on replay', () => {
    const p = resolveParams(targetEncodeStep.schema, {});
    const a = targetEncodeStep.fitTransform!(train, p, targetEncodeStep.fit(train, p, multiclass), multiclass);
    const b = targetEncodeStep.fitTransform!(train, p, targetEncodeStep.fit(train, p, multiclass), multiclass);
    expect(values(a, 'island|target=Gentoo')).toEqual(values(b, 'island|target=Gentoo'));
    const other = targetEncodeStep.fitTransform!(train, p, targetEncodeStep.fit(train, p, multiclass), { ...multiclass, seed: 4 });
    expect(values(other, 'island|target=Gentoo')).not.toEqual(values(a, 'island|target=Gentoo'));
  });

  it('cross-fitting keeps a row from seeing its own target: on noise, out-of-fold codes do not track y, full-data codes do', () => {
    const rng = createRng(11);
    const n = 400;
    const noise = createTable([categorical('id', Array.from({ length: n }, (_, i) => `c${i % 200}`))]);
    const y = Float64Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
    const context: FitContext = { seed: 5, target: { task: 'binary', y, classes: ['0', '1'] } };
    const p = resolveParams(targetEncodeStep.schema, { smooth: 'fixed', smoothing: 1 });
    const state = targetEncodeStep.fit(noise, p, context);
    const outOfFold = values(targetEncodeStep.fitTransform!(noise, p, state, context), 'id|target');
    const full = values(targetEncodeStep.transform(noise, p, state), 'id|target');
    expect(correlation(full, y)).toBeGreaterThan(0.5);
    expect(Math.abs(correlation(outOfFold, y))).toBeLessThan(0.15);
  });

  it('needs a target', () => {
    expect(() => run(targetEncodeStep, train, {})).toThrow(expect.objectContaining({ code: 'needs-target' }));
  });

  it('rejects a state whose encodings do not fit its categories', () => {
    const { state } = run(targetEncodeStep, train, {}, train, multiclass);
    const bad = JSON.parse(JSON.stringify(state));
    bad.columns.island.encodings[1].pop();
    expect(() => targetEncodeStep.checkState(bad, 'state')).toThrow(/state.columns\["island"\].encodings\[1\]/);
    expect(() => targetEncodeStep.checkState(null, 'state')).toThrow();
  });
});

describe('rare-categories step (the infrequent categories of OneHotEncoder(min_frequency))', () => {
  const ref = reference.rare;
  const train = createTable([categorical('colour', ref.input)]);
  const folded = (out: DataTable) => [...new Set(ref.input.filter((l, i) => l !== null && labels(out, 'colour')[i] !== l))].sort();

  it('folds categories with fewer rows than a count, naming the fold "other (rare)" beside a frequent "other"', () => {
    const { out } = run(rareCategoriesStep, train, { rule: 'count', minCount: 4 });
    expect(folded(out)).toEqual(ref['4']);
    expect(labels(out, 'colour')[ref.input.indexOf('teal')]).toBe('other (rare)');
  });

  it('folds categories under a share of all training rows (gaps counted, as scikit-learn counts them)', () => {
    // scikit-learn also lists the missing value ("nan") as infrequent; here a gap stays a gap.
    const { out } = run(rareCategoriesStep, train, { rule: 'share', minShare: 0.15 });
    expect(folded(out)).toEqual(ref['0.15'].filter((c) => c !== 'nan'));
    expect(run(rareCategoriesStep, train, { rule: 'share', minShare: 0.2 }).out.columns[0]).toMatchObject({ categories: ['blue', 'red', 'other'] });
    expect(folded(run(rareCategoriesStep, train, { rule: 'share', minShare: 0.2 }).out)).toEqual(ref['0.2'].filter((c) => c !== 'nan' && c !== 'other'));
  });

  it('folds a category never seen in training into "other"; a gap stays missing', () => {
    const { out } = run(rareCategoriesStep, train, { minCount: 4 }, createTable([categorical('colour', ['red', 'ultraviolet', null])]));
    expect(labels(out, 'colour')).toEqual(['red', 'other (rare)', null]);
  });

  it('picks a free name for the fold', () => {
    expect(otherLabel(['a'])).toBe('other');
    expect(otherLabel(['other', 'other (rare)'])).toBe('other (rare 2)');
  });
});

describe('missing-indicator step (MissingIndicator)', () => {
  const ref = reference.missing;
  const train = createTable(ref.input.train.map((xs, j) => nums(`x${j}`, xs)));
  const test = createTable(ref.input.test.map((xs, j) => nums(`x${j}`, xs)));

  it("flags the columns with gaps in training (features='missing-only'), after each", () => {
    const { out, state } = run(missingIndicatorStep, train, {}, test);
    expect(state.columns).toEqual(ref.missingOnlyFeatures.map((j) => `x${j}`));
    expect(out.columns.map((c) => c.name)).toEqual(['x0', 'x0|missing', 'x1', 'x2', 'x2|missing']);
    expect(ref.missingOnlyFeatures.map((j) => values(out, `x${j}|missing`))).toEqual(ref.missingOnlyTest);
    expect(missingIndicatorStep.lineage!(state)).toEqual([['x0|missing', ['x0']], ['x2|missing', ['x2']]]);
  });

  it("flags every column with all (features='all'), of any kind", () => {
    const { out } = run(missingIndicatorStep, train, { all: true }, test);
    expect([0, 1, 2].map((j) => values(out, `x${j}|missing`))).toEqual(ref.allTest);
    const c = run(missingIndicatorStep, createTable([categorical('c', ['a', null])]), {}).out;
    expect(values(c, 'c|missing')).toEqual([0, 1]);
  });
});

describe('clip step (NumPy percentiles and Tukey fences)', () => {
  const ref = reference.clip;
  const train = createTable([nums('x', ref.input)]);
  const probe = createTable([nums('x', ref.probe)]);

  it('clips to the quartiles ± 1.5 IQR by default, ± k IQR with factor', () => {
    const { out, state } = run(clipStep, train, {}, probe);
    close(state.bounds.x, ref.iqr);
    close(values(out, 'x'), ref.clippedIqr);
    close(run(clipStep, train, { factor: 3 }).state.bounds.x, ref.iqr3);
  });

  it('clips to the 1st and 99th percentiles, or others', () => {
    const { out, state } = run(clipStep, train, { method: 'percentiles' }, probe);
    close(state.bounds.x, ref.percentiles);
    close(values(out, 'x'), ref.clippedPercentiles);
    close(run(clipStep, train, { method: 'percentiles', low: 5, high: 90 }).state.bounds.x, ref.percentiles5to90);
  });

  it('leaves a column with no values in training unclipped', () => {
    expect(run(clipStep, createTable([nums('x', [null, null])]), {}).state.bounds).toEqual({});
  });
});

describe('tfidf step (TfidfVectorizer)', () => {
  const ref = reference.tfidf;
  const train = createTable([text('review', ref.input.train)]);
  const test = createTable([text('review', ref.input.test)]);

  for (const maxFeatures of [100, 7] as const) {
    it(`matches the vocabulary, idf and weights with max_features=${maxFeatures}`, () => {
      const expected = ref[String(maxFeatures) as '100' | '7'];
      const fit = run(tfidfStep, train, { maxFeatures });
      expect(fit.state.columns.review.vocabulary).toEqual(expected.vocabulary);
      close(fit.state.columns.review.idf, expected.idf);
      expect(fit.out.columns.map((c) => c.name)).toEqual(expected.vocabulary.map((w) => `review|tfidf=${w}`));
      expected.train.forEach((column, k) => close((fit.out.columns[k] as NumericColumn).values, column));
      const replay = tfidfStep.transform(test, resolveParams(tfidfStep.schema, { maxFeatures }), fit.state);
      expected.test.forEach((column, k) => close((replay.columns[k] as NumericColumn).values, column));
    });
  }

  it("tokenises as Python's (?u)\\b\\w\\w+\\b after lower(): final sigma, ß, digits of any script, underscores", () => {
    expect(tokenize(ref.input.train[4]!)).toEqual(ref.tokensOfReview4);
    expect(tokenize('a I o x_ ٣٤ 𝔘𝔫𝔦')).toEqual(['x_', '٣٤', '𝔘𝔫𝔦']);
  });

  it('sorts words by code point, as Python sorts strings', () => {
    expect(['\uffff', '𝔘', 'b'].sort(compareCodePoints)).toEqual(['b', '\uffff', '𝔘']);
  });
});

describe('aggregate (pandas groupby on the training rows)', () => {
  const ref = reference.aggregate;
  const key = categorical('customer', ref.input.customer);
  const amount = Float64Array.from(ref.input.amount, (x) => (x === null ? NaN : x));
  const stats = ['count', 'mean', 'sum', 'min', 'max'] as const;

  it('per key: count, mean, sum, min and max of the present values; an unseen key the training-wide figures', () => {
    const fitted = fitAggregate(key, amount, stats);
    expect(Object.keys(fitted.groups).sort()).toEqual(ref.keys);
    ref.keys.forEach((k, i) => close(fitted.groups[k], stats.map((s) => ref.stats[s][i])));
    close(fitted.fallback, stats.map((s) => ref.overall[s]));
    const state = { key: 'customer', value: 'amount', stats: [...stats], ...fitted };
    aggregateTransform.checkState(JSON.parse(JSON.stringify(state)), 'state');
    const out = aggregateTransform.transform(createTable([categorical('customer', ['bob', 'zoe', null])]), state);
    expect(out.columns.map((c) => c.name)).toEqual(['customer', ...stats.map((s) => `amount|${s} by customer`)]);
    close(values(out, 'amount|mean by customer'), [ref.stats.mean[1], ref.overall.mean, ref.overall.mean]);
    close(values(out, 'amount|count by customer'), [ref.stats.count[1], 0, 0]);
  });

  it('as a step: the chosen stats as lineage-named columns from [value, key]; one key and a numeric value required', () => {
    const table = createTable([key, numeric('amount', Array.from(amount))]);
    const { out, state } = run(aggregateStep, table, { key: ['customer'], value: ['amount'], count: false, max: true });
    expect(out.columns.map((c) => c.name)).toEqual(['customer', 'amount', 'amount|mean by customer', 'amount|max by customer']);
    close(values(out, 'amount|max by customer').slice(0, 2), [0, 1].map((i) => (ref.input.customer[i] === null ? ref.overall.max : ref.stats.max[ref.keys.indexOf(ref.input.customer[i]!)])));
    expect(aggregateStep.lineage!(state)).toEqual([['amount|mean by customer', ['amount', 'customer']], ['amount|max by customer', ['amount', 'customer']]]);
    expect(() => run(aggregateStep, table, { key: ['customer', 'amount'], value: ['amount'] })).toThrow(/exactly one column/);
    expect(() => run(aggregateStep, table, { key: ['amount'], value: ['customer'] })).toThrow(/numeric/);
  });

  it('a key whose values are all missing is a group of count 0 with the training-wide mean', () => {
    const fitted = fitAggregate(categorical('k', ['a', 'a', 'b']), Float64Array.from([1, 3, NaN]), ['count', 'mean']);
    expect(fitted.groups).toEqual({ a: [2, 2], b: [0, 2] });
  });
});

describe('drop-duplicates step (pandas drop_duplicates)', () => {
  const ref = reference.duplicates;
  const table = createTable([nums('x', ref.input.x), categorical('c', ref.input.c)]);
  const y = Float64Array.from(ref.input.y);

  it('keeps the first of each set of exact duplicate rows, the target compared too', () => {
    expect(Array.from(firstOccurrences(table, [], y)!)).toEqual(ref.withTarget);
    expect(Array.from(firstOccurrences(table, [])!)).toEqual(ref.featuresOnly);
    const p = resolveParams(dropDuplicatesStep.schema, {});
    expect(Array.from(dropDuplicatesStep.keepRows!(table, p, { seed: 0, target: { task: 'binary', y, classes: ['0', '1'] } })!)).toEqual(ref.withTarget);
  });

  it('returns null when nothing is dropped, and replays as a pass-through', () => {
    expect(firstOccurrences(createTable([numeric('x', [1, 2])]), [])).toBeNull();
    const p = resolveParams(dropDuplicatesStep.schema, {});
    expect(dropDuplicatesStep.transform(table, p, {})).toBe(table);
  });
});
