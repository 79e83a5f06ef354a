import { csvLine } from '../ingest/writeCsv';
import { type DataTable, getColumn } from '../table/DataTable';
import { type Column, isMissingAt } from '../table/column';
import { TextChunker, type TextSink } from '../util/textChunks';
import type { FeatureInfo } from './pipeline';

/**
 * The prepared data set as CSV: the columns a model sees (a fitted recipe replayed on rows), named by
 * lineage, one line per row. What `sapling transform` writes and the studio downloads.
 */

/**
 * One cell of a prepared column as text: a number as JavaScript's shortest round-trip form (so the
 * text reads back as the same float64, and through float32 as the model's matrix), a boolean as
 * the 0 / 1 the matrix holds, a missing value as an empty cell, a category as its label.
 */
export function featureCell(column: Column, i: number): string {
  if (isMissingAt(column, i)) return '';
  switch (column.kind) {
    case 'numeric':
      return String(column.values[i]);
    case 'boolean':
      return column.values[i] ? '1' : '0';
    case 'datetime':
      return new Date(column.values[i]).toISOString();
    default:
      return column.categories[column.codes[i]];
  }
}

/**
 * Writes `features` of a transformed table as CSV to `write` in chunks of bounded size: a header of
 * the feature names, then each row. Headers and cells are formula-escaped and quoted as needed
 * (`csvLine`), since lineage names hold user text (`note|tfidf=…`, a category after `=`).
 */
export async function writeFeaturesCsv(table: DataTable, features: readonly FeatureInfo[], write: TextSink, chunkChars?: number): Promise<void> {
  const columns = features.map((f) => getColumn(table, f.name));
  const chunker = new TextChunker(chunkChars);
  const cells = new Array<string>(columns.length);
  chunker.add(csvLine(features.map((f) => f.name)) + '\n');
  for (let i = 0; i < table.rowCount; i++) {
    for (let j = 0; j < columns.length; j++) cells[j] = featureCell(columns[j], i);
    chunker.add(csvLine(cells) + '\n');
    for (const chunk of chunker.take()) await write(chunk);
  }
  chunker.end();
  for (const chunk of chunker.take()) await write(chunk);
}
