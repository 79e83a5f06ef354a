import type { DateOrder } from '../table/cells';
import type { ColumnKind } from '../table/column';
import type { TextEncoding } from './decode';
import type { ParallelHost } from './parallel';
import type { RaggedRows, SampleSpec } from './rowSink';

/*
 * What reading a CSV takes and tells, as types only: the model file's config and the plan of a
 * read (`plan.ts`) name them without importing the reader (which imports the plan).
 */

/** Choices a person (or a model file's input schema) can impose on reading a CSV. */
export interface CsvReadOptions {
  /** Field delimiter; sniffed from the first lines when absent. */
  readonly delimiter?: string;
  /** Text encoding; detected (BOM, UTF-8 validity, Windows-1252 fallback) when absent. */
  readonly encoding?: TextEncoding;
  /** Decimal separator of numbers; `,` is detected for `;`- or tab-separated files. */
  readonly decimal?: '.' | ',';
  /** Whether the first row names the columns; sniffed when absent. */
  readonly header?: boolean;
  /** Column kinds to use instead of inferring them, by column name. */
  readonly kinds?: Readonly<Record<string, ColumnKind>>;
  /** Date orders to use for datetime columns, by column name. */
  readonly dateOrders?: Readonly<Record<string, DateOrder>>;
  /** Rows with the wrong number of fields: dropped (default) or padded / truncated. */
  readonly ragged?: RaggedRows;
  /** Read only the first or a random N rows. */
  readonly sample?: SampleSpec;
  /** Seed for random sampling. */
  readonly seed?: number;
  /**
   * Bytes the table may take, string dictionaries included: larger files are refused up front
   * unless sampled, and a read whose dictionaries outgrow it is stopped (`memory.ts`).
   */
  readonly memoryBudget?: number;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Workers to read large files with (from the CLI or the engine worker); absent = this thread. */
  readonly parallel?: ParallelHost;
  /** Polled between chunks; reading stops with CancelledError once it returns true. */
  readonly shouldStop?: () => boolean;
  /** Lets the host's event loop run between chunks (so a Cancel message can arrive). */
  readonly yieldToEvents?: () => Promise<void>;
}

/** The choices about reading a file that a person makes and a recipe records (plain data). */
export type ReadSettings = Pick<CsvReadOptions, 'delimiter' | 'encoding' | 'decimal' | 'header' | 'kinds' | 'dateOrders' | 'ragged' | 'sample' | 'seed'>;

/** How far reading has got. */
export interface IngestProgress {
  readonly bytesRead: number;
  readonly totalBytes: number;
  readonly rows: number;
}

/** How the file was read, as detected or as chosen. */
export interface CsvMeta {
  readonly delimiter: string;
  readonly quote: string;
  readonly decimal: '.' | ',';
  readonly header: boolean;
  readonly encoding: TextEncoding;
  /** Data rows read from the file (a head sample stops early; a random one reads them all). */
  readonly rowsInFile: number;
  /** Rows dropped because their field count did not match the header. */
  readonly rowsDropped: number;
  /** Rows padded or truncated to the header's width. */
  readonly rowsPadded: number;
  readonly sampled?: SampleSpec;
  /** The order each datetime column was read in. */
  readonly dateOrders: Readonly<Record<string, DateOrder>>;
}
