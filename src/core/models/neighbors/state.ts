import { base64ToFloat32 } from '../../util/base64';
import { checkBase64Floats, checkInteger, checkObject, fail } from '../../util/check';
import type { StateCheckContext } from '../stateCheck';

/** The fitted state of k nearest neighbours: the training rows themselves, as base64 float32. */
export interface KnnState {
  readonly rows: number;
  /** Row-major rows × nFeatures matrix. */
  readonly X: string;
  /** Class index or target value per row. */
  readonly y: string;
}

/**
 * The state check of k nearest neighbours: `rows` training rows of `nFeatures` float32 values and a
 * target per row, in base64 whose length must agree with the counts (so `rows` cannot ask for more
 * memory than the file carries); finite values; class indices below the class count; and the
 * parameters `load` reads (k, weights, metric) are present.
 */
export function checkKnnState(x: unknown, ctx: StateCheckContext): void {
  const state = checkObject(x, ctx.path);
  const rows = checkInteger(state.rows, `${ctx.path}.rows`, 1, Number.MAX_SAFE_INTEGER);
  const X = checkBase64Floats(state.X, `${ctx.path}.X`, rows * ctx.nFeatures);
  const y = checkBase64Floats(state.y, `${ctx.path}.y`, rows);
  checkFloats(base64ToFloat32(X, rows * ctx.nFeatures), `${ctx.path}.X`);
  const targets = base64ToFloat32(y, rows);
  checkFloats(targets, `${ctx.path}.y`);
  if (ctx.task !== 'regression') {
    for (let i = 0; i < rows; i++) {
      const c = targets[i];
      if (!Number.isInteger(c) || c < 0 || c >= ctx.classes) fail(`${ctx.path}.y`, `row ${i} has class ${c}, not one of 0…${ctx.classes - 1}`);
    }
  }
  // `load` reads these three; their values were checked against the schema with the other parameters.
  for (const key of ['k', 'weights', 'metric']) if (ctx.params[key] === undefined) fail(`${ctx.paramsPath}.${key}`, 'is missing');
}

/** Fails at the first value of `values` that is not finite. */
function checkFloats(values: Float32Array, path: string): void {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) fail(path, `value ${i} is ${values[i]}`);
}
