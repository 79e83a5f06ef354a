import { DENSE_PLAIN, DENSE_RELAXED_PLAIN, DENSE_RELAXED_SHARED, DENSE_SHARED, RELAXED_SIMD_PROBE } from '../../../kernels/dense.wasm';
import { base64ToBytes } from '../../../util/base64';

/**
 * Which form of dense.wat runs: 'relaxed' has fused multiply-adds (f32x4.relaxed_madd) in its
 * matrix products, 'simd' plain 128-bit SIMD. Relaxed SIMD is chosen at load time wherever the
 * engine validates it (Chromium 114 and later, Node 22 and later, Node 20 with
 * --experimental-wasm-relaxed-simd); the two give the same results up to float rounding.
 */
export type DenseKernelVariant = 'relaxed' | 'simd';

/** The exports of dense.wat (offsets are byte addresses in the memory). */
export interface DenseExports {
  step(cfg: number): void;
  gradients(cfg: number): void;
  finish(cfg: number, otherGrads: number): void;
  forward(cfg: number, rows: number): void;
}

const BINARIES: Record<DenseKernelVariant, { plain: string; shared: string }> = {
  relaxed: { plain: DENSE_RELAXED_PLAIN, shared: DENSE_RELAXED_SHARED },
  simd: { plain: DENSE_PLAIN, shared: DENSE_SHARED },
};

const compiled = new Map<string, WebAssembly.Module | null>();
let relaxedValid: boolean | undefined;

/** Whether this engine runs relaxed SIMD (a one-instruction module validates). */
export function relaxedSimdAvailable(): boolean {
  if (relaxedValid === undefined) {
    try {
      relaxedValid = typeof WebAssembly !== 'undefined' && WebAssembly.validate(base64ToBytes(RELAXED_SIMD_PROBE) as Uint8Array<ArrayBuffer>);
    } catch {
      relaxedValid = false;
    }
  }
  return relaxedValid;
}

/** The compiled trainer of a variant over a plain or shared memory; null where it does not run here. */
export function denseModule(variant: DenseKernelVariant, shared: boolean): WebAssembly.Module | null {
  const key = `${variant}/${shared}`;
  if (!compiled.has(key)) {
    let result: WebAssembly.Module | null = null;
    try {
      const bytes = base64ToBytes(BINARIES[variant][shared ? 'shared' : 'plain']) as Uint8Array<ArrayBuffer>;
      if (typeof WebAssembly !== 'undefined' && (variant === 'simd' || relaxedSimdAvailable()) && WebAssembly.validate(bytes)) result = new WebAssembly.Module(bytes);
    } catch {
      result = null;
    }
    compiled.set(key, result);
  }
  return compiled.get(key)!;
}

/** The variant the trainer runs here: relaxed SIMD where the engine has it, else plain SIMD; null without WebAssembly SIMD. */
export function denseKernelVariant(): DenseKernelVariant | null {
  if (denseModule('relaxed', false)) return 'relaxed';
  return denseModule('simd', false) ? 'simd' : null;
}

/** Whether a shared memory (and so the two-thread split) is possible here. */
export function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/** The trainer's exports over `memory`. */
export function denseInstance(memory: WebAssembly.Memory, variant: DenseKernelVariant, shared: boolean): DenseExports {
  const mod = denseModule(variant, shared);
  if (!mod) throw new Error(`internal error: the ${variant} WebAssembly dense trainer is not available here`);
  return new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as DenseExports;
}
