// TEMPORARY stand-in for the foundation's step.ts types (FitContext, StepTarget); removed at the merge.
import type { ParamSchema, ParamsOf } from '../../params';
import type { DataTable } from '../../table/DataTable';

export interface StepTarget {
  readonly task: 'regression' | 'binary' | 'multiclass';
  readonly y: Float64Array;
  readonly classes: readonly string[];
}
export interface FitContext {
  readonly target?: StepTarget;
  readonly seed: number;
}
export interface NewStepDefinition<S extends ParamSchema, State> {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly schema: S;
  checkState(state: unknown, path: string): void;
  fit(table: DataTable, params: ParamsOf<S>, context: FitContext): State;
  transform(table: DataTable, params: ParamsOf<S>, state: State): DataTable;
  fitTransform?(table: DataTable, params: ParamsOf<S>, state: State, context: FitContext): DataTable;
  keepRows?(table: DataTable, params: ParamsOf<S>, context: FitContext): Int32Array | null;
  lineage?(state: State): readonly (readonly [output: string, inputs: readonly string[]])[];
}
