import { errorMessage, isSaplingError } from '../../util/errors';
import type { FuzzKind } from './kind';

/**
 * How one case ended: accepted (read and predicted sanely), refused with a Sapling error (its
 * code), or a fault: a crash (any other error, a NaN output) or a hang (past the time limit).
 */
export type Outcome =
  | { readonly verdict: 'accepted'; readonly ms: number }
  | { readonly verdict: 'refused'; readonly code: string; readonly message: string; readonly ms: number }
  | { readonly verdict: 'crash'; readonly error: string; readonly ms: number }
  | { readonly verdict: 'hang'; readonly ms: number };

/** The one line a crash is known by: the error's name and message, shortened. */
export function crashText(e: unknown): string {
  const name = e instanceof Error ? e.name : typeof e;
  const text = `${name}: ${errorMessage(e)}`.replace(/\s+/g, " ");
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/**
 * Runs one case with a time limit. A promise that has not settled within `timeoutMs` is a hang;
 * note a synchronous endless loop cannot be interrupted in this thread (the bench runs cases in
 * worker threads it can terminate for that reason).
 */
export async function runCase<C>(kind: FuzzKind<C>, c: C, timeoutMs: number): Promise<Outcome> {
  const t0 = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), timeoutMs);
  });
  try {
    const r = await Promise.race([kind.run(c).then(() => 'done' as const), timeout]);
    const ms = performance.now() - t0;
    return r === 'hang' ? { verdict: 'hang', ms } : { verdict: 'accepted', ms };
  } catch (e) {
    const ms = performance.now() - t0;
    if (isSaplingError(e)) return { verdict: 'refused', code: e.code, message: e.message, ms };
    return { verdict: 'crash', error: crashText(e), ms };
  } finally {
    clearTimeout(timer);
  }
}
