import type { ColumnKind } from '../core/table/column';
import { SaplingError } from '../core/util/errors';
import { keyed } from '../core/util/keyed';
import type { InputRow, OutputRow, SaplingModel } from '../runtime';

/**
 * The Open Inference Protocol's (KServe V2) tensors for Sapling's tables: one input tensor per
 * input column and one output tensor per predicted column, each of shape [rows] (or [rows, 1]),
 * data in row order. Spec: github.com/kserve/open-inference-protocol, inference_rest.md.
 */

/** The tensor data types a request may use. */
export const DATATYPES = ['BYTES', 'FP32', 'FP64', 'INT64', 'BOOL'] as const;
export type Datatype = (typeof DATATYPES)[number];

/** One input tensor of an inference request (`$request_input`). */
export interface RequestInput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype: Datatype;
  readonly data: readonly unknown[];
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** One output tensor of an inference response (`$response_output`). */
export interface ResponseOutput {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype: Datatype;
  readonly data: readonly (string | number)[];
}

/** A tensor's metadata (`$metadata_tensor`); -1 is the variable row count. */
export interface TensorMetadata {
  readonly name: string;
  readonly datatype: Datatype;
  readonly shape: readonly number[];
}

/** The datatype an input column is best sent as (numbers as FP64, booleans as BOOL, the rest as BYTES strings). */
export function inputDatatype(kind: ColumnKind): Datatype {
  return kind === 'numeric' ? 'FP64' : kind === 'boolean' ? 'BOOL' : 'BYTES';
}

/** The datatype of a predicted column: labels are BYTES, clusters INT64, probabilities and values FP32 (what the model computes in). */
export function outputDatatype(model: SaplingModel, column: string): Datatype {
  if (column === 'cluster') return 'INT64';
  if (column === 'prediction' && model.classes.length > 0) return 'BYTES';
  return 'FP32';
}

/** The metadata of a model's inputs and outputs. */
export function tensorMetadata(model: SaplingModel): { inputs: TensorMetadata[]; outputs: TensorMetadata[] } {
  return {
    inputs: model.inputSchema.map((c) => ({ name: c.name, datatype: inputDatatype(c.kind), shape: [-1] })),
    outputs: model.outputColumns.map((c) => ({ name: c, datatype: outputDatatype(model, c), shape: [-1] })),
  };
}

/** Whether an element fits a datatype; null (a missing value) fits every one. */
function fits(datatype: Datatype, v: unknown): boolean {
  if (v === null) return true;
  switch (datatype) {
    case 'BYTES':
      return typeof v === 'string';
    case 'BOOL':
      return typeof v === 'boolean';
    case 'INT64':
      return typeof v === 'number' && Number.isInteger(v);
    default:
      return typeof v === 'number';
  }
}

const NEEDS: Record<Datatype, string> = { BYTES: 'strings', BOOL: 'true or false', INT64: 'whole numbers', FP32: 'numbers', FP64: 'numbers' };

/**
 * Row objects from a request's input tensors: every input must be a column the model reads, all of
 * the same row count, with data that matches its shape and datatype (null marks a missing value).
 * Values are then read by the runtime as the CSV reader reads cells, so a string `"39.1"` in a
 * numeric column is a number, and a value that is not its column's kind is named with its row.
 */
export function rowsFromInputs(model: SaplingModel, inputs: readonly RequestInput[]): InputRow[] {
  const known = new Set(model.inputSchema.map((c) => c.name));
  const seen = new Set<string>();
  let rows = -1;
  const columns: { name: string; data: readonly unknown[] }[] = [];
  for (const input of inputs) {
    if (!known.has(input.name)) {
      throw new SaplingError('unknown-input', `input "${input.name}" is not a column the model reads (it reads ${[...known].map((n) => `"${n}"`).join(', ')})`);
    }
    if (seen.has(input.name)) throw new SaplingError('bad-request', `input "${input.name}" is given twice`);
    seen.add(input.name);
    const shape = input.shape;
    if (shape.length < 1 || shape.length > 2 || (shape.length === 2 && shape[1] !== 1) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new SaplingError('bad-shape', `input "${input.name}": shape must be [rows] or [rows, 1], got [${shape.join(', ')}]`);
    }
    const data = input.data.flat();
    if (data.length !== shape[0]) throw new SaplingError('bad-shape', `input "${input.name}": shape [${shape.join(', ')}] holds ${shape[0]} values, but data has ${data.length}`);
    if (rows >= 0 && shape[0] !== rows) throw new SaplingError('bad-shape', `input "${input.name}" has ${shape[0]} rows, but the inputs before it have ${rows}`);
    rows = shape[0];
    const bad = data.findIndex((v) => !fits(input.datatype, v));
    if (bad >= 0) {
      throw new SaplingError('wrong-type', `row ${bad + 1}: input "${input.name}" is ${input.datatype}, which needs ${NEEDS[input.datatype]} (or null), but got ${JSON.stringify(data[bad])}`);
    }
    columns.push({ name: input.name, data });
  }
  const missing = model.inputSchema.filter((c) => !seen.has(c.name)).map((c) => `"${c.name}"`);
  if (missing.length) throw new SaplingError('missing-columns', `the request lacks input${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the model needs`);
  const out: InputRow[] = [];
  for (let i = 0; i < Math.max(rows, 0); i++) out.push(keyed(columns.map((c) => [c.name, c.data[i]] as const)));
  return out;
}

/** The response's output tensors from predicted rows: all columns, or those `wanted` (each must be one the model predicts). */
export function outputsFromRows(model: SaplingModel, rows: readonly OutputRow[], wanted?: readonly string[]): ResponseOutput[] {
  const columns = wanted ?? model.outputColumns;
  for (const c of columns) {
    if (!model.outputColumns.includes(c)) {
      throw new SaplingError('unknown-output', `output "${c}" is not one the model predicts (it predicts ${model.outputColumns.map((n) => `"${n}"`).join(', ')})`);
    }
  }
  return columns.map((c) => ({ name: c, shape: [rows.length], datatype: outputDatatype(model, c), data: rows.map((r) => r[c]) }));
}
