/**
 * The alert list as plain data: who raised each error (its origin, the control's key) and how
 * often. Kept apart from the actions so the rules below are tested without a store.
 */

/**
 * Where an error came from: the key of the control whose action failed ('evaluate:permutation',
 * 'export:predict', 'train', …). The control shows its errors beside itself (`ActionError`).
 */
export type ErrorOrigin = string;

/** An error shown to the person until dismissed. */
export interface ShownError {
  readonly id: number;
  readonly message: string;
  /** The control whose action failed; absent for errors of the studio itself (engine, storage). */
  readonly origin?: ErrorOrigin;
  /** How many times this same error (message and origin) was raised while shown; 1 when absent. */
  readonly count?: number;
}

/**
 * The list with error `next` added, unless the same message from the same origin is already shown:
 * then that one is kept (moved last, its count raised), so repeated clicks do not stack alerts.
 */
export function addError(errors: readonly ShownError[], next: ShownError): { errors: readonly ShownError[]; id: number } {
  const same = errors.find((e) => e.message === next.message && e.origin === next.origin);
  if (!same) return { errors: [...errors, next], id: next.id };
  const raised: ShownError = { ...same, count: (same.count ?? 1) + 1 };
  return { errors: [...errors.filter((e) => e !== same), raised], id: same.id };
}

/** The list without the errors raised by `origin` (its action is being tried again). */
export function withoutOrigin(errors: readonly ShownError[], origin: ErrorOrigin): readonly ShownError[] {
  return errors.some((e) => e.origin === origin) ? errors.filter((e) => e.origin !== origin) : errors;
}
