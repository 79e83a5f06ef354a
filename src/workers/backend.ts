import { denseKernelVariant } from '../core/models/mlp/dense/kernelModule';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { isSoftwareAdapter } from './gpuDense';

/** The TF.js backends Sapling can train on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What was found out about one backend on this device. */
export interface BackendCandidate {
  readonly name: BackendName;
  readonly available: boolean;
  /** A software (CPU-emulated) GPU adapter: it works, but slower than WASM. */
  readonly software: boolean;
  /** Milliseconds per training step of the probe network, when measured. */
  readonly msPerStep?: number;
  /** Adapter or build details for people (renderer, threads, SIMD, why unavailable). */
  readonly detail: string;
}

/** The outcome of choosing a backend. */
export interface BackendReport {
  readonly active: BackendName;
  /** How the active one was picked: fastest measured, the person's choice, or a fallback. */
  readonly reason: string;
  readonly candidates: readonly BackendCandidate[];
  /** What neural networks train on with this backend, in words ("Sapling's fused trainer, WebAssembly with relaxed SIMD"). */
  readonly networks: string;
}

const ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
/** A backend that has not initialised after this long is treated as unavailable. */
const INIT_TIMEOUT_MS = 15_000;

let wasmConfigured = false;

/**
 * Points TF.js at the bundled .wasm files by absolute URL (the threaded build's pthread workers
 * resolve relative URLs against a blob: URL, where they break).
 */
function configureWasm(): void {
  if (wasmConfigured) return;
  wasmConfigured = true;
  const abs = (url: string) => new URL(url, self.location.href).href;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': abs(wasmPlain),
    'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
    'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not start within ${ms / 1000} s`)), ms))]);
}

/** Switches TF.js to `name`; `setBackend` can resolve false without throwing, so the name is checked. */
async function activate(name: BackendName): Promise<void> {
  if (name === 'wasm') configureWasm();
  const ok = await withTimeout(tf.setBackend(name), INIT_TIMEOUT_MS, name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`${name} did not initialise`);
}

interface GpuAdapterLike {
  readonly info?: { isFallbackAdapter?: boolean; vendor?: string; architecture?: string; description?: string };
  readonly isFallbackAdapter?: boolean;
}

/** Is there a WebGPU adapter, and is it the software fallback? */
async function inspectWebGpu(): Promise<{ available: boolean; software: boolean; detail: string }> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return { available: false, software: false, detail: 'WebGPU is not offered by this browser' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { available: false, software: false, detail: 'no WebGPU adapter' };
  const software = isSoftwareAdapter(adapter);
  const name = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ');
  return { available: true, software, detail: software ? `software fallback adapter${name ? ` (${name})` : ''}` : name || 'hardware adapter' };
}

/** Is there WebGL 2, and is its renderer a software one (SwiftShader, llvmpipe)? */
function inspectWebGl(): { available: boolean; software: boolean; detail: string } {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { available: false, software: false, detail: 'no WebGL 2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    const software = /swiftshader|llvmpipe|software|basic render/i.test(renderer);
    return { available: true, software, detail: software ? `software renderer (${renderer})` : renderer };
  } catch (e) {
    return { available: false, software: false, detail: `WebGL unavailable: ${(e as Error).message}` };
  }
}

/**
 * Times training steps of a small MLP (the shape of a typical Sapling network) on the active
 * backend, after a warm-up that compiles shaders / kernels.
 */
async function timeTrainingStep(): Promise<number> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [20], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
  const x = tf.randomNormal([200, 20], 0, 1, 'float32', 1);
  const y = tf.randomNormal([200, 1], 0, 1, 'float32', 2);
  const optimizer = tf.train.adam(0.001);
  const step = () => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor), true) as tf.Scalar;
  try {
    for (let i = 0; i < 3; i++) {
      const l = step();
      await l.data();
      l.dispose();
    }
    const steps = 15;
    const t0 = performance.now();
    let last: tf.Scalar | null = null;
    for (let i = 0; i < steps; i++) {
      last?.dispose();
      last = step();
    }
    await last!.data();
    last!.dispose();
    return (performance.now() - t0) / steps;
  } finally {
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  }
}

async function probe(name: BackendName, measure: boolean): Promise<BackendCandidate> {
  let software = false;
  let detail = '';
  if (name === 'webgpu') ({ software, detail } = await inspectWebGpu().then((r) => (r.available ? r : Promise.reject(new Error(r.detail)))));
  if (name === 'webgl') {
    const r = inspectWebGl();
    if (!r.available) throw new Error(r.detail);
    ({ software, detail } = r);
  }
  await activate(name);
  if (name === 'wasm') {
    const threads = getThreadsCount();
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    // XNNPACK sizes its pool at half the logical cores (one per physical core), so 2 cores give 1.
    const why = threaded ? '' : self.crossOriginIsolated ? ' (threads unsupported)' : ' (page not cross-origin isolated)';
    detail = `${threads} thread${threads === 1 ? '' : 's'}${simd ? ', SIMD' : ''}${why}`;
  }
  if (name === 'cpu') detail = 'plain JavaScript';
  // Software GPU adapters are known to be several times slower than WASM: skip timing them.
  const msPerStep = measure && !software ? await timeTrainingStep() : undefined;
  return { name, available: true, software, detail, msPerStep };
}

/**
 * Finds which backends start on this device, times a training step on each hardware one (and WASM;
 * CPU only if nothing else starts), and activates the fastest, or `preferred` when it is given and
 * starts. The choice follows measurement, not a fixed order.
 */
export async function chooseBackend(preferred?: BackendName): Promise<BackendReport> {
  const candidates: BackendCandidate[] = [];
  for (const name of ORDER) {
    const measure = name !== 'cpu' || !candidates.some((c) => c.available && c.name === 'wasm');
    try {
      candidates.push(await probe(name, measure));
    } catch (e) {
      candidates.push({ name, available: false, software: false, detail: (e as Error).message || String(e) });
    }
  }
  const usable = candidates.filter((c) => c.available);
  let active: BackendCandidate | undefined;
  let reason: string;
  const asked = preferred && usable.find((c) => c.name === preferred);
  if (asked) {
    active = asked;
    reason = 'chosen by you';
  } else {
    const timed = usable.filter((c) => c.msPerStep !== undefined).sort((a, b) => a.msPerStep! - b.msPerStep!);
    const software = usable.filter((c) => c.software).map((c) => (c.name === 'webgpu' ? 'WebGPU' : 'WebGL'));
    active = timed[0] ?? usable[0];
    const emulated = software.length ? `; ${software.join(' and ')} ${software.length > 1 ? 'are' : 'is'} software-emulated here` : '';
    reason = timed.length > 1 ? `fastest of ${timed.map((c) => c.name).join(', ')}${emulated}` : timed.length ? `fastest here${emulated}` : 'the only backend that started';
  }
  if (!active) throw new Error('no TF.js backend could start in this browser');
  await activate(active.name);
  return { active: active.name, reason, candidates, networks: networkTrainer(active.name, candidates) };
}

/** Switches to a backend the person picked; candidates keep their measured figures. */
export async function switchBackend(name: BackendName, previous: BackendReport): Promise<BackendReport> {
  await activate(name);
  return { ...previous, active: name, reason: 'chosen by you', networks: networkTrainer(name, previous.candidates) };
}

/**
 * What networks train on under `active`, as the MLP chooses (mlp.ts): the fused WebGPU trainer on a
 * real graphics card, TF.js on WebGL, and on the processor Sapling's fused WebAssembly trainer in
 * the form this engine validates (relaxed SIMD, else plain SIMD; the TypeScript reference without).
 */
export function networkTrainer(active: BackendName, candidates: readonly BackendCandidate[]): string {
  if (active === 'webgpu' && candidates.some((c) => c.name === 'webgpu' && c.available && !c.software)) return 'Sapling’s fused trainer on the graphics card (WebGPU)';
  if (active === 'webgl' || active === 'webgpu') return `TensorFlow.js on ${active === 'webgl' ? 'WebGL' : 'WebGPU'}`;
  const variant = denseKernelVariant();
  return `Sapling’s fused trainer, ${variant === 'relaxed' ? 'WebAssembly with relaxed SIMD' : variant === 'simd' ? 'WebAssembly with SIMD' : 'TypeScript (this browser has no WebAssembly SIMD)'}`;
}
