import { SaplingError } from '../core/util/errors';

/** Parsing of the numeric flags the commands share; each says which flag and what it got when it refuses. */

/** A number flag (`fallback` when absent). */
export function numberOption(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) throw new SaplingError('bad-option', `${flag} must be a number, got "${text}"`);
  return v;
}

/** A whole-number flag of at least `min` (`fallback` when absent). */
export function wholeOption(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < min) throw new SaplingError('bad-param', `${flag} must be a whole number${min > -(2 ** 31) ? ` of at least ${min}` : ''}, got "${text}"`);
  return v;
}

/** A positive-number flag (`fallback` when absent). */
export function positiveOption(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new SaplingError('bad-param', `${flag} must be a positive number, got "${text}"`);
  return v;
}

/** `--cv K`: a number of cross-validation folds, 2 or more (`fallback` when absent). */
export function foldsOption(text: string | undefined, fallback: number): number;
export function foldsOption(text: string | undefined, fallback: undefined): number | undefined;
export function foldsOption(text: string | undefined, fallback: number | undefined): number | undefined {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isInteger(v) || v < 2) throw new SaplingError('bad-param', `--cv needs a whole number of folds, 2 or more, got "${text}"`);
  return v;
}
