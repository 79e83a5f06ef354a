import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCsvText } from '../ingest/csv';
import type { DataTable } from '../table/DataTable';
import type { Column } from '../table/column';

/**
 * Small builders for tests (Node only: reads the bundled sample files). Never imported by app code.
 */

/** A table from CSV text. */
export async function csv(text: string): Promise<DataTable> {
  return (await readCsvText(text)).table;
}

/** A numeric column. */
export function numeric(name: string, values: number[]): Column {
  return { kind: 'numeric', name, values: Float64Array.from(values) };
}

/** A categorical column from labels (null = missing). */
export function categorical(name: string, labels: (string | null)[]): Column {
  const categories: string[] = [];
  const codes = Int32Array.from(labels, (l) => {
    if (l === null) return -1;
    let k = categories.indexOf(l);
    if (k < 0) k = categories.push(l) - 1;
    return k;
  });
  return { kind: 'categorical', name, codes, categories };
}

/** The text of a bundled sample (`iris.csv`, `penguins.csv`) from public/samples. */
export function sampleText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../public/samples/${name}`, import.meta.url)), 'utf8');
}

/** A bundled sample as a table. */
export function sample(name: string): Promise<DataTable> {
  return csv(sampleText(name));
}

/** Named numeric columns standardised (population std, as scikit-learn's StandardScaler) into a row-major float32 matrix. */
export function standardisedMatrix(table: DataTable, names: readonly string[]): Float32Array {
  const n = table.rowCount;
  const X = new Float32Array(n * names.length);
  names.forEach((name, j) => {
    const column = table.columns.find((c) => c.name === name);
    if (column?.kind !== 'numeric') throw new Error(`no numeric column "${name}"`);
    const v = column.values;
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    for (let i = 0; i < n; i++) X[i * names.length + j] = (v[i] - mean) / sd;
  });
  return X;
}
