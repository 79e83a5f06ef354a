import { describe, expect, it } from 'vitest';
import { resolveParams } from '../params';
import { type DataTable, createTable, selectRows } from '../table/DataTable';
import type { Column } from '../table/column';
import { categorical, numeric } from '../testing/tables';
import { isSaplingError } from '../util/errors';
import { createRng } from '../util/rng';
import { CONFORMANCE_CASES } from './conformanceCases';
import { fitSteps } from './recipe';
import { STEP_REGISTRY } from './registry';
import { getStepTransform } from './replay';
import type { FitContext, StepDefinition } from './step';

/*
 * The step conformance suite (issue 15): every registered step, on one fixture table of every
 * column kind with gaps, must be fitted from its training rows alone, be deterministic with a seed,
 * replay the same from its state after a JSON round trip and from its prediction half alone,
 * transform each row on its own (no statistics of the replayed rows), not depend on the order of
 * the training rows, survive unseen categories and gaps at prediction time, name the columns it
 * makes by their inputs (lineage), and have a state check that accepts its state and refuses junk.
 */

const N = 80;

/** The fixture: numbers with gaps, a category with gaps and a rare label, yes/no, a date, free text. */
function fixture(rows: number, seed: number, unseen = false): DataTable {
  const rng = createRng(seed);
  const islands = ['Biscoe', 'Dream', 'Torgersen', 'Alpha'];
  const words = ['red fox', 'lazy dog jumps', 'quick brown fox', 'the dog', 'a fox and a dog'];
  const x = Array.from({ length: rows }, () => Math.round(rng.next() * 1000) / 10);
  const columns: Column[] = [
    numeric('x', x.map((v, i) => (i % 11 === 3 ? NaN : v))),
    numeric('y', x.map((v, i) => (i % 13 === 5 ? NaN : 2 * v + Math.round(rng.next() * 100) / 10 + 1))),
    numeric('z', Array.from({ length: rows }, () => Math.round(rng.next() * 50) + 1)),
    categorical('island', Array.from({ length: rows }, (_, i) => (i % 9 === 4 ? null : unseen && i % 7 === 2 ? 'Atlantis' : islands[Math.floor(rng.next() * (i % 10 === 0 ? 4 : 3))]))),
    { kind: 'boolean', name: 'flag', values: Int8Array.from({ length: rows }, (_, i) => (i % 12 === 7 ? -1 : rng.next() < 0.4 ? 1 : 0)) },
    { kind: 'datetime', name: 'when', values: Float64Array.from({ length: rows }, (_, i) => (i % 15 === 6 ? NaN : Date.UTC(2024, Math.floor(rng.next() * 12), 1 + Math.floor(rng.next() * 28), Math.floor(rng.next() * 24)))) },
    textColumn('note', Array.from({ length: rows }, (_, i) => (i % 10 === 9 ? null : unseen && i % 5 === 0 ? 'never seen words here' : `${words[Math.floor(rng.next() * words.length)]} ${i % 3 ? 'today' : 'again'}`))),
  ];
  return createTable(columns);
}

function textColumn(name: string, labels: (string | null)[]): Column {
  const c = categorical(name, labels);
  return { ...c, kind: 'text' } as Column;
}

/** A binary target aligned with the fixture's training rows, related to x. */
function targetOf(table: DataTable): FitContext['target'] {
  const x = (table.columns[0] as { values: Float64Array }).values;
  return { task: 'binary', y: Float64Array.from(x, (v, i) => (Number.isNaN(v) ? i % 2 : v > 50 ? 1 : 0)), classes: ['no', 'yes'] };
}

/** The fixture with every gap filled (numbers by 0, categories by their first label), for steps that need complete numbers. */
function complete(table: DataTable): DataTable {
  return fitAndApply([{ step: 'impute', params: { numeric: 'constant', numericFill: 0 } }], table, table);
}

function fitAndApply(specs: { step: string; params?: Record<string, unknown> }[], train: DataTable, apply: DataTable): DataTable {
  const { pipeline } = fitSteps(train, specs);
  let out = apply;
  for (const s of pipeline.steps) out = getStepTransform(s.step).transform(out, s.state);
  return out;
}

/** Numbers compared to 1e-9 (row order changes sums' rounding), everything else exactly. */
function expectSameTable(actual: DataTable, expected: DataTable): void {
  expect(actual.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(expected.columns.map((c) => `${c.name}:${c.kind}`));
  expect(actual.rowCount).toBe(expected.rowCount);
  actual.columns.forEach((c, j) => {
    const e = expected.columns[j];
    if ('values' in c && 'values' in e && c.kind === 'numeric') {
      c.values.forEach((v, i) => {
        const w = e.values[i];
        if (Number.isNaN(w)) expect(v).toBeNaN();
        else expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
      });
    } else expect(c).toEqual(e);
  });
}

describe('step conformance: every registered step', () => {
  it('has a conformance case, and a prediction half under the same id', () => {
    expect(STEP_REGISTRY.map((s) => s.id).filter((id) => !Object.hasOwn(CONFORMANCE_CASES, id))).toEqual([]);
    for (const step of STEP_REGISTRY) expect(getStepTransform(step.id).id).toBe(step.id);
  });

  for (const def of STEP_REGISTRY as readonly StepDefinition[]) {
    describe(def.id, () => {
      const conf = CONFORMANCE_CASES[def.id] ?? {};
      const prepare = (t: DataTable) => (conf.complete ? complete(t) : t);
      const train = prepare(fixture(N, 1));
      const test = prepare(fixture(30, 2, true));
      const params = resolveParams(def.schema, conf.params, `step "${def.id}"`);
      const context: FitContext = { target: targetOf(train), seed: 7 };
      const fit = (table: DataTable, ctx: FitContext = context) => def.fit(table, params, ctx);

      it('is deterministic with a seed, and its state survives JSON (replay from the prediction half alone)', () => {
        const state = fit(train);
        expect(fit(train)).toEqual(state);
        const copy = JSON.parse(JSON.stringify(state)) as unknown;
        const replay = getStepTransform(def.id);
        expect(() => replay.checkState(copy, 'state')).not.toThrow();
        expectSameTable(replay.transform(test, copy), def.transform(test, params, state));
      });

      it('refuses a state that is not one', () => {
        for (const junk of [null, 'state', 42, []]) {
          let error: unknown = null;
          try {
            getStepTransform(def.id).checkState(junk, 'pipeline.steps[0].state');
          } catch (e) {
            error = e;
          }
          expect(isSaplingError(error)).toBe(true);
        }
      });

      it('transforms each row on its own: replaying many rows equals replaying them one at a time', () => {
        const state = fit(train);
        const whole = def.transform(test, params, state);
        for (const i of [0, 3, 17, 29]) expectSameTable(def.transform(selectRows(test, [i]), params, state), selectRows(whole, [i]));
      });

      it('does not depend on the order of the training rows', () => {
        const order = Int32Array.from({ length: train.rowCount }, (_, i) => train.rowCount - 1 - i);
        const reversed = selectRows(train, order);
        const target = context.target!;
        const ctx: FitContext = { ...context, target: { ...target, y: Float64Array.from(order, (i) => target.y[i]) } };
        expectSameTable(def.transform(test, params, fit(reversed, ctx)), def.transform(test, params, fit(train)));
      });

      it('handles unseen categories and gaps at prediction time (or refuses them with a clear error)', () => {
        const state = fit(train);
        try {
          const out = def.transform(test, params, state);
          expect(out.rowCount).toBe(test.rowCount);
        } catch (e) {
          expect(isSaplingError(e)).toBe(true);
        }
      });

      it('names every column it makes, by columns of its input', () => {
        const state = fit(train);
        const out = def.transform(train, params, state);
        const before = new Set(train.columns.map((c) => c.name));
        const made = out.columns.map((c) => c.name).filter((n) => !before.has(n));
        const lineage = new Map((def.lineage?.(state) ?? []).map(([o, inputs]) => [o, inputs]));
        for (const name of made) {
          expect(lineage.has(name), `lineage of "${name}"`).toBe(true);
          for (const input of lineage.get(name)!) expect(before.has(input), `"${name}" ← "${input}"`).toBe(true);
        }
      });

      it('without a target: works, or says it needs one', () => {
        try {
          def.fit(train, params, { seed: 7 });
        } catch (e) {
          expect(isSaplingError(e) && e.code === 'needs-target').toBe(true);
        }
      });

      it('in a recipe: the training rows come out as replay makes them, unless the step cross-fits them', () => {
        const fitted = fitSteps(train, [{ step: def.id, params: conf.params ?? {} }], context);
        const rows = fitted.rows ? selectRows(train, fitted.rows) : train;
        const replayed = def.transform(rows, params, fitted.pipeline.steps[0].state as never);
        if (!def.fitTransform) expectSameTable(fitted.train, replayed);
        else expect(fitted.train.rowCount).toBe(rows.rowCount);
      });
    });
  }
});
