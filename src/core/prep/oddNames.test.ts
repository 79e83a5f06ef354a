import { describe, expect, it } from 'vitest';
import { readCsvText } from '../ingest/csv';
import { parseParamText, resolveParams } from '../params';
import { type DataTable, createTable, dropColumns, getColumn } from '../table/DataTable';
import type { CodedColumn, NumericColumn } from '../table/column';
import { ODD_NAMES, oddNamesCsv } from '../testing/oddNames';
import { categorical, numeric } from '../testing/tables';
import { fitPipeline, type FittedPipeline, type StepSpec, toMatrix, transformPipeline } from './recipe';
import { STEP_REGISTRY } from './registry';
import { scaleStep } from './scale';

/** The odd file without its label: the features a recipe sees. */
async function features(): Promise<DataTable> {
  const { table } = await readCsvText(oddNamesCsv(40));
  return dropColumns(table, ['label']);
}

const numbers = (t: DataTable, name: string) => Array.from((getColumn(t, name) as NumericColumn).values);

/** The model matrix a fitted pipeline makes of `table`. */
const matrix = (p: FittedPipeline, table: DataTable) => toMatrix(transformPipeline(p, table), p.features);

describe('steps fitted on columns named __proto__, constructor, toString, hasOwnProperty, valueOf', () => {
  // Scale only two columns, so the others must be found absent from its state, not inherited.
  const recipe: StepSpec[] = [
    { step: 'impute', params: {} },
    { step: 'scale', params: { columns: ['__proto__', 'valueOf'] } },
    { step: 'one-hot', params: {} },
  ];

  it('fill, scale and encode exactly the columns they were fitted on', async () => {
    const table = await features();
    const fitted = fitPipeline(table, recipe);
    const out = transformPipeline(fitted, table);
    // toString had gaps: filled with its mean, and left unscaled (the scale step does not hold it).
    const raw = numbers(table, 'toString');
    const present = raw.filter((v) => !Number.isNaN(v));
    const mean = present.reduce((a, b) => a + b, 0) / present.length;
    expect(numbers(out, 'toString')).toEqual(raw.map((v) => (Number.isNaN(v) ? mean : v)));
    // __proto__ is standardised.
    const scaled = numbers(out, '__proto__');
    expect(scaled.reduce((a, b) => a + b, 0) / scaled.length).toBeCloseTo(0, 10);
    // Categories named like properties each get their indicator.
    const source = getColumn(table, 'constructor') as CodedColumn;
    for (const category of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(numbers(out, `constructor=${category}`)).toEqual(Array.from(source.codes, (k) => (source.categories[k] === category ? 1 : 0)));
    }
    expect(fitted.features.map((f) => f.source)).toEqual(expect.arrayContaining([...ODD_NAMES]));
    expect(fitted.features.find((f) => f.name === 'hasOwnProperty=valueOf')?.source).toBe('hasOwnProperty');
  });

  it('give the same matrix after the fitted state goes through JSON text and structured cloning', async () => {
    const table = await features();
    const fitted = fitPipeline(table, recipe);
    const text = JSON.stringify(fitted);
    // The names are keys in the file, and JSON.parse makes them own keys again.
    expect(text).toContain('"fills":{"__proto__":');
    expect(text).toContain('"columns":{"__proto__":{"offset":');
    const parsed = JSON.parse(text) as FittedPipeline;
    expect(Object.getPrototypeOf(parsed.steps[0].state)).toBe(Object.prototype);
    const expected = matrix(fitted, table);
    expect(matrix(parsed, table)).toEqual(expected);
    expect(matrix(structuredClone(fitted), table)).toEqual(expected);
  });

  it('a state read from a file does not take inherited names for fitted columns', async () => {
    const table = await features();
    const params = resolveParams(scaleStep.schema, {});
    const state = JSON.parse('{"columns":{"__proto__":{"offset":1,"scale":2}}}');
    const out = scaleStep.transform(table, params, state);
    expect(numbers(out, '__proto__')).toEqual(numbers(table, '__proto__').map((v) => (v - 1) / 2));
    expect(numbers(out, 'valueOf')).toEqual(numbers(table, 'valueOf'));
    expect(numbers(out, 'toString')).toEqual(numbers(table, 'toString'));
  });
});

describe('every registered step, on columns named like object properties', () => {
  // No gaps (PCA refuses them); numbers and categories under each odd name.
  const n = 12;
  const table = createTable([
    numeric('__proto__', Array.from({ length: n }, (_, i) => i)),
    numeric('constructor', Array.from({ length: n }, (_, i) => (i * 7) % 5)),
    numeric('toString', Array.from({ length: n }, (_, i) => (i * i) % 11)),
    categorical('hasOwnProperty', Array.from({ length: n }, (_, i) => ['__proto__', 'constructor', 'valueOf'][i % 3])),
    categorical('valueOf', Array.from({ length: n }, (_, i) => ['toString', 'hasOwnProperty'][i % 2])),
  ]);
  const paramsFor = (id: string) => (id === 'drop-columns' ? { columns: ['constructor'] } : {});

  for (const step of STEP_REGISTRY) {
    it(`${step.id}: its state names the columns as own keys and works the same after JSON and cloning`, () => {
      const params = resolveParams(step.schema, paramsFor(step.id));
      const state = step.fit(table, params, { seed: 0 });
      const out = step.transform(table, params, state);
      expect(out.rowCount).toBe(n);
      for (const again of [JSON.parse(JSON.stringify(state)), structuredClone(state)]) {
        expect(step.transform(table, params, again)).toEqual(out);
      }
      // A step fitted on one column leaves the others, whatever their names, as they were.
      if (step.id !== 'drop-columns' && step.id !== 'pca') {
        const only = resolveParams(step.schema, { columns: ['toString'] });
        const one = step.transform(table, only, step.fit(table, only, { seed: 0 }));
        for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) expect(getColumn(one, name)).toBe(getColumn(table, name));
      }
    });
  }
});

describe('reading with given column kinds', () => {
  it('looks a column up by its own name only', async () => {
    const kinds = Object.fromEntries([['__proto__', 'categorical' as const]]);
    const { table } = await readCsvText(oddNamesCsv(20), { kinds });
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['__proto__', 'categorical'],
      ['constructor', 'categorical'],
      ['toString', 'numeric'],
      ['hasOwnProperty', 'categorical'],
      ['valueOf', 'numeric'],
      ['label', 'categorical'],
    ]);
  });
});

describe('parameters named like object properties', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`"${name}" is an unknown parameter, from a file and from --param`, () => {
      const given = JSON.parse(`{"${name}": 1}`);
      expect(() => resolveParams(scaleStep.schema, given, 'step "scale"')).toThrow(`step "scale" has no parameter "${name}" (known: method, columns, kinds)`);
      expect(() => parseParamText(scaleStep.schema, `${name}=1`, 'step "scale"')).toThrow(`step "scale" has no parameter "${name}" (known: method, columns, kinds)`);
    });
  }
});
