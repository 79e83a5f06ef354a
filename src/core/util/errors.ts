/**
 * An error whose message is written for the person using Sapling: it says what is wrong and where,
 * and the CLI and the studio show it as it is (no stack trace). Anything else that is thrown is a bug.
 */
export class SaplingError extends Error {
  /** A stable machine-readable code, e.g. `empty-file` or `single-class-target`. */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'SaplingError';
    this.code = code;
  }
}

/** True when `e` is a user-facing Sapling error (also after crossing a worker boundary as plain data). */
export function isSaplingError(e: unknown): e is SaplingError {
  return e instanceof SaplingError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SaplingError');
}

/** A one-line message for anything thrown: the Sapling message as is, otherwise the error's own text. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') {
    return (e as { message: string }).message;
  }
  return String(e);
}

/** Throws an internal error when `condition` is false: for invariants, not for user input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`internal error: ${message}`);
}

/** Thrown by long-running work when its stop flag is raised; not a failure. */
export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** True when `e` is a cancellation (also after crossing a worker boundary). */
export function isCancelled(e: unknown): boolean {
  return e instanceof CancelledError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'CancelledError');
}
