import type { DataTable } from '../table/DataTable';
import { formatCell } from '../table/column';

/** Quotes a CSV field when it holds a delimiter, quote or line break (RFC 4180). */
export function csvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/** Extra columns appended to a table when writing it: a header and a cell getter per row. */
export interface ExtraColumn {
  readonly name: string;
  readonly cell: (row: number) => string;
}

/** Writes a table (plus extra computed columns) as CSV text with a header row and LF line ends. */
export function tableToCsv(table: DataTable, extra: readonly ExtraColumn[] = []): string {
  const header = [...table.columns.map((c) => c.name), ...extra.map((e) => e.name)].map((h) => csvField(h)).join(',');
  const lines = [header];
  for (let i = 0; i < table.rowCount; i++) {
    const cells = table.columns.map((c) => csvField(formatCell(c, i)));
    for (const e of extra) cells.push(csvField(e.cell(i)));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}
