import { errorMessage, isSaplingError } from '../../util/errors';
import type { FuzzKind } from './kind';

/**
 * How one case ended: accepted (read and predicted sanely), refused with a Sapling error (its
 * code), or a fault: a crash (any other error, a NaN output) or a hang (past the time limit).
 */
export type Outcome =
  | { readonly verdict: 'accepted'; readonly ms: number }
  | { readonly verdict: 'refused'; readonly code: string; readonly message: string; readonly ms: number }
  | { readonly verdict: 'crash'; readonly error: string; readonly site: string; readonly ms: number }
  | { readonly verdict: 'hang'; readonly ms: number };

/** The one line a crash is known by: the error's name and message, shortened. */
export function crashText(e: unknown): string {
  const name = e instanceof Error ? e.name : typeof e;
  const text = `${name}: ${errorMessage(e)}`.replace(/\s+/g, " ");
  return text.length > 300 ? `${text.slice(0, 297)}…` : text;
}

/**
 * Where an error was thrown, as `function (file:line)` of the throwing frame and, when that is in
 * a library, of the first frame of Sapling's own code that led there: crashes with the same site
 * are one fault, whatever the text of their messages.
 */
export function crashSite(e: unknown): string {
  const frames = (e instanceof Error && e.stack ? e.stack.split('\n') : []).map((l) => l.trim()).filter((l) => l.startsWith('at ') && !/^at new \w*Error /.test(l));
  const top = frames[0];
  if (!top) return 'unknown';
  const own = frames.find((f) => OWN.test(f) && !f.includes('/testing/fuzz/'));
  return own && own !== top ? `${shortFrame(top)} ← ${shortFrame(own)}` : shortFrame(top);
}

/** Sapling's own source files (not a library's source-mapped `…/tfjs-layers/src/…`). */
const OWN = /\/src\/(core|cli|workers|state|ui)\//;

/** `fn (file:line)` with the file from Sapling's `src/`, from a package's folder, or its last three segments. */
function shortFrame(frame: string): string {
  return frame
    .slice(3)
    .replace(/(?:file:\/\/)?(\/[^\s()]+)/, (path: string) => {
      const own = path.search(OWN);
      if (own >= 0) return path.slice(own + 1);
      const lib = path.lastIndexOf('/node_modules/');
      if (lib >= 0) return path.slice(lib + '/node_modules/'.length);
      // A library's source-mapped file: from its package folder (`tfjs-layers/src/…`).
      const src = path.lastIndexOf('/src/');
      if (src > 0) return path.slice(path.lastIndexOf('/', src - 1) + 1);
      return path.split('/').slice(-3).join('/');
    })
    .replace(/:(\d+):\d+(\)?)$/, ':$1$2');
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
    return { verdict: 'crash', error: crashText(e), site: crashSite(e), ms };
  } finally {
    clearTimeout(timer);
  }
}
