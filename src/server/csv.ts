import { readCsv } from '../core/ingest/reader';
import { bytesSource } from '../core/ingest/source';
import { type ExtraColumn, writeRowsCsv } from '../core/ingest/writeCsv';
import type { DataTable } from '../core/table/DataTable';
import { SaplingError } from '../core/util/errors';
import { keyed } from '../core/util/keyed';
import type { InputRow, OutputRow, SaplingModel } from '../runtime';

/**
 * Predicts a CSV body and answers CSV exactly as `sapling predict` writes it: the same reader (the
 * model's column kinds imposed, the rest inferred), the input rows copied as they were in the body,
 * then the prediction columns printed as the CLI prints them. Only the prediction itself goes
 * through the runtime, fed the values the reader parsed, so both read every cell alike. The reader's
 * warnings (rows dropped as ragged, cells read as missing) are what `sapling predict` prints on stderr.
 * `inputs` are the rows as the runtime was given them (for --monitor's window).
 */
export async function predictCsv(model: SaplingModel, body: Uint8Array): Promise<{ csv: string; inputs: InputRow[]; rows: OutputRow[]; warnings: string[] }> {
  if (body.length === 0) throw new SaplingError('bad-request', 'the CSV body is empty: send a header line and rows');
  const kinds = Object.fromEntries(model.inputSchema.map((c) => [c.name, c.kind]));
  const source = bytesSource(body, 'body.csv');
  const read = await readCsv(source, { kinds });
  const inputs = tableRows(read.table, new Set(Object.keys(kinds)));
  const rows = model.predict(inputs);
  const probability = model.classes.length > 0;
  const extra: ExtraColumn[] = model.outputColumns.map((name) => ({
    name,
    // The runtime rounds as the CLI prints; the CLI prints probabilities with six significant digits, zeros kept.
    cell: (i: number) => {
      const v = rows[i][name];
      return probability && name !== 'prediction' && typeof v === 'number' ? v.toPrecision(6) : String(v);
    },
  }));
  let csv = '';
  await writeRowsCsv(source, read, {}, extra, (chunk) => {
    csv += chunk;
  });
  return { csv, inputs, rows, warnings: read.warnings.map((w) => w.message) };
}

/** Row objects of the columns a model reads, with the values the reader parsed (missing as null). */
function tableRows(table: DataTable, wanted: ReadonlySet<string>): InputRow[] {
  const rows = Array.from({ length: table.rowCount }, () => keyed<unknown>());
  for (const column of table.columns) {
    if (!wanted.has(column.name)) continue;
    const name = column.name;
    for (let i = 0; i < table.rowCount; i++) {
      let v: unknown;
      switch (column.kind) {
        case 'numeric':
        case 'datetime':
          v = Number.isNaN(column.values[i]) ? null : column.values[i];
          break;
        case 'boolean':
          v = column.values[i] < 0 ? null : column.values[i] === 1;
          break;
        default:
          v = column.codes[i] < 0 ? null : column.categories[column.codes[i]];
      }
      rows[i][name] = v;
    }
  }
  return rows;
}
