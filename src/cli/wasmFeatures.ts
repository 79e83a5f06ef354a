import { setFlagsFromString } from 'node:v8';

/**
 * Turns relaxed SIMD on where Node has it behind a flag (Node 20's V8 11.3; Node 22 and Chromium
 * 114+ run it by default), before any WebAssembly is compiled, so the CLI's dense trainer takes
 * its fused multiply-add kernels as the studio does in Chromium (mlp/dense/kernelModule.ts checks
 * by validating a probe; 10–20% off a network epoch here). Worker threads share the flag.
 */
export function enableRelaxedSimd(): void {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
}
