import { keyed } from '../core/util/keyed';
import type { InputRow, OutputRow } from '../runtime';

/**
 * The longest text value a window keeps of a cell. A category longer than this is one the model
 * never saw either way, and without a cap a client could make the window hold N request bodies
 * (N × 10 MB) through one long string per row; with it a window holds at most N × columns × 1 KB.
 */
export const MAX_CELL_CHARS = 1024;

/**
 * A rolling window of one model's served rows: the newest `capacity` rows' input values (the model's
 * input columns only, as the request gave them once the model had read them without error) and
 * their predictions, in a ring buffer per column. Adding a row costs one assignment per column; the
 * rows are read back (oldest first) only when a report is asked for.
 */
export class RowWindow {
  private readonly columns: unknown[][];
  private readonly predictions: (OutputRow | undefined)[];
  /** Where the next row goes. */
  private next = 0;
  private size = 0;
  /** Rows ever added: a report made at one count is stale once it moves. */
  private added = 0;

  constructor(
    /** The input columns kept, as the model's input schema names them. */
    readonly names: readonly string[],
    readonly capacity: number,
  ) {
    this.columns = names.map(() => new Array<unknown>(capacity));
    this.predictions = new Array<OutputRow | undefined>(capacity);
  }

  /** Rows held now (at most `capacity`). */
  get rows(): number {
    return this.size;
  }

  /** Rows added since the window was made (including those pushed out). */
  get total(): number {
    return this.added;
  }

  /** Adds served rows and their predictions (same length, same order); the oldest rows make room. */
  add(inputs: readonly InputRow[], outputs: readonly OutputRow[]): void {
    const n = Math.min(inputs.length, outputs.length);
    // Only the newest `capacity` of a large request can stay, so the others are not copied at all.
    const from = Math.max(0, n - this.capacity);
    const names = this.names;
    const d = names.length;
    for (let i = from; i < n; i++) {
      const row = inputs[i];
      const at = this.next;
      for (let j = 0; j < d; j++) {
        // The model read this row without error, so each of its columns is the row's own property
        // holding a string, number, boolean or null: an object or function here can only be an
        // inherited `constructor` or `toString`, kept as missing.
        const v = row[names[j]];
        this.columns[j][at] = typeof v === 'string' ? (v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v) : typeof v === 'object' || typeof v === 'function' ? null : v;
      }
      this.predictions[at] = outputs[i];
      this.next = at + 1 === this.capacity ? 0 : at + 1;
    }
    this.size = Math.min(this.capacity, this.size + (n - from));
    this.added += n;
  }

  /** The rows held, oldest first, as row objects without a prototype (column names are user strings), and their predictions. */
  snapshot(): { inputs: InputRow[]; outputs: OutputRow[] } {
    const inputs: InputRow[] = [];
    const outputs: OutputRow[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    const d = this.names.length;
    for (let k = 0; k < this.size; k++) {
      const at = (start + k) % this.capacity;
      const row = keyed<unknown>();
      for (let j = 0; j < d; j++) row[this.names[j]] = this.columns[j][at];
      inputs.push(row);
      outputs.push(this.predictions[at] as OutputRow);
    }
    return { inputs, outputs };
  }
}
