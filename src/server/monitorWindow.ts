import { keyed } from '../core/util/keyed';
import type { InputRow, OutputRow } from '../runtime';

/**
 * The longest text value a window keeps of a cell. A category longer than this is one the model
 * never saw either way, and without a cap a client could make the window hold N request bodies
 * (N × 10 MB) through one long string per row; with it a window holds at most N × columns × 1 KB.
 */
export const MAX_CELL_CHARS = 1024;

/**
 * One column of a ring buffer. Numbers go into a Float64Array (8 bytes each): in a plain array each
 * would be a boxed number living as long as the window, an object the garbage collector promotes to
 * its old generation. (Measured in one process, parse + predict + add of one-row requests, 20
 * columns: no CPU difference from the boxed version beyond this machine's noise, both within ±3% of
 * no window; the gain is memory.) Anything else (text, booleans, null) goes into `other`, with
 * `undefined` there marking a number.
 */
class CellRing {
  private readonly numbers: Float64Array;
  private readonly other: unknown[];

  constructor(capacity: number) {
    this.numbers = new Float64Array(capacity);
    this.other = new Array<unknown>(capacity).fill(undefined);
  }

  set(at: number, v: unknown): void {
    if (typeof v === 'number') {
      this.numbers[at] = v;
      this.other[at] = undefined;
    } else {
      // The model read this value without error, so it is a string, boolean or null: an object or
      // function can only be an inherited `constructor` or `toString`, kept as missing.
      this.other[at] = typeof v === 'string' ? (v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v) : typeof v === 'object' || typeof v === 'function' || v === undefined ? null : v;
    }
  }

  get(at: number): unknown {
    const v = this.other[at];
    return v === undefined ? this.numbers[at] : v;
  }
}

/**
 * A rolling window of one model's served rows: the newest `capacity` rows' input values (the model's
 * input columns only, as the request gave them once the model had read them without error) and
 * their predictions (the answered columns), in a ring buffer per column. Adding a row costs a store
 * per column and allocates nothing; the rows are read back (oldest first) only for a report.
 */
export class RowWindow {
  private readonly columns: CellRing[];
  private readonly answers: CellRing[];
  /** Where the next row goes. */
  private next = 0;
  private size = 0;
  /** Rows ever added: a report made at one count is stale once it moves. */
  private added = 0;

  constructor(
    /** The input columns kept, as the model's input schema names them. */
    readonly names: readonly string[],
    readonly capacity: number,
    /** The predicted columns kept: the model's output columns (all of them: CBPE reads the probabilities). */
    readonly outputNames: readonly string[],
  ) {
    this.columns = names.map(() => new CellRing(capacity));
    this.answers = outputNames.map(() => new CellRing(capacity));
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
    const { names, outputNames, columns, answers } = this;
    for (let i = from; i < n; i++) {
      const row = inputs[i];
      const answer = outputs[i];
      const at = this.next;
      for (let j = 0; j < names.length; j++) columns[j].set(at, row[names[j]]);
      for (let j = 0; j < outputNames.length; j++) answers[j].set(at, answer[outputNames[j]]);
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
    for (let k = 0; k < this.size; k++) {
      const at = (start + k) % this.capacity;
      const row = keyed<unknown>();
      for (let j = 0; j < this.names.length; j++) row[this.names[j]] = this.columns[j].get(at);
      inputs.push(row);
      const answer = keyed<string | number>();
      for (let j = 0; j < this.outputNames.length; j++) answer[this.outputNames[j]] = this.answers[j].get(at) as string | number;
      outputs.push(answer);
    }
    return { inputs, outputs };
  }
}
