import { SaplingError } from '../util/errors';
import { Fingerprinter } from '../util/hash';
import { type Column, columnBuffers, columnLength, takeRows } from './column';

/**
 * A columnar table: named columns of equal length. Plain data, so it crosses worker boundaries by
 * structured clone with its buffers transferred.
 */
export interface DataTable {
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

/** Builds a table, checking that names are unique and lengths agree. */
export function createTable(columns: readonly Column[]): DataTable {
  const seen = new Set<string>();
  let rowCount = columns.length ? columnLength(columns[0]) : 0;
  for (const c of columns) {
    if (seen.has(c.name)) throw new Error(`internal error: duplicate column name "${c.name}"`);
    seen.add(c.name);
    const n = columnLength(c);
    if (n !== rowCount) throw new Error(`internal error: column "${c.name}" has ${n} rows, expected ${rowCount}`);
    rowCount = n;
  }
  return { rowCount, columns };
}

/** The column called `name`, or undefined. */
export function findColumn(table: DataTable, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The column called `name`; a user-facing error naming the known columns when there is none. */
export function getColumn(table: DataTable, name: string): Column {
  const c = findColumn(table, name);
  if (!c) {
    const known = table.columns.map((x) => x.name).join(', ');
    throw new SaplingError('unknown-column', `column "${name}" is not in the data (columns: ${known})`);
  }
  return c;
}

/** The table restricted to `rows`, in that order. */
export function selectRows(table: DataTable, rows: ArrayLike<number>): DataTable {
  return { rowCount: rows.length, columns: table.columns.map((c) => takeRows(c, rows)) };
}

/** The table without the named columns (names not present are ignored). */
export function dropColumns(table: DataTable, names: Iterable<string>): DataTable {
  const drop = new Set(names);
  return { rowCount: table.rowCount, columns: table.columns.filter((c) => !drop.has(c.name)) };
}

/** The table with `column` added, or replacing the column of the same name in place. */
export function withColumn(table: DataTable, column: Column): DataTable {
  const i = table.columns.findIndex((c) => c.name === column.name);
  const columns = [...table.columns];
  if (i >= 0) columns[i] = column;
  else columns.push(column);
  return createTable(columns);
}

/** Every buffer of the table, for a `postMessage` transfer list. */
export function tableBuffers(table: DataTable): ArrayBuffer[] {
  return table.columns.flatMap(columnBuffers);
}

/**
 * A stable fingerprint of the table's contents: column names, kinds, dictionaries and values.
 * Two tables with the same fingerprint hold the same data.
 */
export function fingerprintTable(table: DataTable): string {
  const f = new Fingerprinter();
  f.updateString(String(table.rowCount));
  for (const c of table.columns) {
    f.updateString(c.name).updateString(c.kind);
    if (c.kind === 'categorical' || c.kind === 'text') {
      for (const cat of c.categories) f.updateString(cat);
      f.update(c.codes);
    } else {
      f.update(c.values);
    }
  }
  return f.digest();
}

/**
 * The rows of `a` followed by the rows of `b`, matched by column name. Categories are merged into
 * one dictionary; a column missing from `b`, or of another kind there, is an error naming it.
 */
export function concatTables(a: DataTable, b: DataTable): DataTable {
  return createTable(
    a.columns.map((col) => {
      const other = findColumn(b, col.name);
      if (!other) throw new SaplingError('missing-columns', `the second table lacks column "${col.name}"`);
      if (other.kind !== col.kind) throw new SaplingError('wrong-kind', `column "${col.name}" is ${col.kind} in the first table but ${other.kind} in the second`);
      if (col.kind === 'categorical' || col.kind === 'text') {
        const o = other as typeof col;
        const categories = [...col.categories];
        const index = new Map(categories.map((c, k) => [c, k]));
        const remap = o.categories.map((c) => {
          let k = index.get(c);
          if (k === undefined) {
            k = categories.push(c) - 1;
            index.set(c, k);
          }
          return k;
        });
        const codes = new Int32Array(a.rowCount + b.rowCount);
        codes.set(col.codes);
        for (let i = 0; i < b.rowCount; i++) codes[a.rowCount + i] = o.codes[i] < 0 ? -1 : remap[o.codes[i]];
        return { ...col, codes, categories };
      }
      const mine = col as Exclude<Column, { codes: Int32Array }>;
      const theirs = other as typeof mine;
      const values = new (mine.values.constructor as { new (n: number): typeof mine.values })(a.rowCount + b.rowCount);
      values.set(mine.values);
      values.set(theirs.values, a.rowCount);
      return { ...mine, values } as Column;
    }),
  );
}
