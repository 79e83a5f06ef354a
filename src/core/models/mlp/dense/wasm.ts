import { DENSE_PLAIN } from '../../../kernels/dense.wasm';
import { base64ToBytes } from '../../../util/base64';
import { batchLoss } from './loss';
import { ADAM_EPSILON, checkSpec, checkWeights, initialWeights, layerSizes } from './init';
import type { DenseActivation, DenseSpec, DenseTrainer, DenseWeights } from './types';

const fround = Math.fround;
const PAGE = 65536;
/** Byte offsets in dense.wat's config block (its header lists them). */
const CFG = { L: 0, rows: 4, loss: 8, outputs: 12, Y: 16, params: 20, grads: 24, m: 28, v: 32, count: 36, optimizer: 40, lr: 44, beta1: 48, beta2: 52, c1: 56, c2: 60, eps: 64, om1: 68, om2: 72, l2c: 76, rate: 80, scale: 84, seed: 88, counter: 92, squares: 96, desc: 104, training: 108, negLr: 112 } as const;
const CFG_BYTES = 128;
const DESC_BYTES = 64;
const LOSS_CODE = { binary: 0, softmax: 1, mse: 2, huber: 3 } as const;
const ACTIVATION_CODE: Record<DenseActivation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, elu: 4 };
/** Rows the buffers hold at first; a larger batch lays them out again (once). */
const INITIAL_CAPACITY = 256;

interface DenseExports {
  step(cfg: number): void;
  forward(cfg: number, rows: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled trainer; null where WebAssembly with SIMD is missing. */
function denseModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      const bytes = base64ToBytes(DENSE_PLAIN) as Uint8Array<ArrayBuffer>;
      compiled = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** Whether the fused WebAssembly trainer runs here. */
export function denseWasmAvailable(): boolean {
  return denseModule() !== null;
}

/** Where each buffer sits in the memory, for a batch capacity. */
interface Layout {
  readonly capacity: number;
  readonly bytes: number;
  readonly X: number;
  readonly Y: number;
  readonly params: number;
  readonly grads: number;
  readonly m: number;
  readonly v: number;
  readonly count: number;
  /** Per layer: the kernel's and bias's float offsets in the flat parameter region, H, A, mask, delta. */
  readonly layers: readonly { kernel: number; bias: number; H: number; A: number; mask: number; D: number; KT: number }[];
}

/** Rounds up to a multiple of 4. */
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * The dense-network trainer over dense.wat: one `step` call per batch does the whole forward,
 * backward and update in a memory laid out once. Units are padded to multiples of 4 inside; the
 * weights it takes and gives are TF.js's unpadded layout.
 */
export class WasmDenseTrainer implements DenseTrainer {
  readonly kind = 'wasm';
  private readonly sizes: number[];
  private readonly padded: number[];
  private layout!: Layout;
  private memory!: WebAssembly.Memory;
  private f32!: Float32Array;
  private i32!: Int32Array;
  private exports!: DenseExports;
  private accBeta1: number;
  private accBeta2: number;
  private counter = 0;

  constructor(readonly spec: DenseSpec) {
    checkSpec(spec);
    if (!denseModule()) throw new Error('internal error: the WebAssembly dense trainer is not available here');
    this.sizes = layerSizes(spec);
    this.padded = this.sizes.map((s, l) => (l === 0 ? s : pad4(s)));
    this.accBeta1 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta1 ?? 0.9) : 0);
    this.accBeta2 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta2 ?? 0.999) : 0);
    this.build(INITIAL_CAPACITY, null);
    this.setWeights(initialWeights(spec));
  }

  /** Lays the memory out for `capacity` rows, carrying the parameters and Adam's moments over. */
  private build(capacity: number, previous: { params: Float32Array; m: Float32Array; v: Float32Array } | null): void {
    const { sizes, padded, spec } = this;
    const L = sizes.length - 1;
    let at = CFG_BYTES + L * DESC_BYTES;
    const take = (floats: number): number => {
      const start = at;
      at += pad4(floats) * 4 + 16;
      return start;
    };
    const X = take(capacity * sizes[0]);
    const Y = take(capacity * spec.outputs);
    let count = 0;
    const offsets = sizes.slice(1).map((_, l) => {
      const kernel = count;
      count += sizes[l] * padded[l + 1];
      const bias = count;
      count += padded[l + 1];
      return { kernel, bias };
    });
    const params = take(count);
    const grads = take(count);
    const m = take(count);
    const v = take(count);
    const layers = offsets.map((o, l) => {
      const H = take(capacity * padded[l + 1]);
      const dropped = spec.dropout > 0 && l < L - 1;
      const A = dropped ? take(capacity * padded[l + 1]) : H;
      const mask = dropped ? take(capacity * padded[l + 1]) : 0;
      // The transposed kernel the backward product reads: units × the layer below's padded width.
      return { ...o, H, A, mask, D: take(capacity * padded[l + 1]), KT: l > 0 ? take(sizes[l + 1] * padded[l]) : 0 };
    });
    this.layout = { capacity, bytes: at, X, Y, params, grads, m, v, count, layers };
    this.memory = new WebAssembly.Memory({ initial: Math.ceil(at / PAGE) + 1 });
    this.exports = new WebAssembly.Instance(denseModule()!, { env: { memory: this.memory } }).exports as unknown as DenseExports;
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.writeConfig();
    if (previous) {
      this.f32.set(previous.params, params / 4);
      this.f32.set(previous.m, m / 4);
      this.f32.set(previous.v, v / 4);
    }
  }

  /** The config block's fixed fields and the layer descriptors. */
  private writeConfig(): void {
    const { spec, sizes, padded, layout, i32, f32 } = this;
    const L = sizes.length - 1;
    const c = 0;
    const opt = spec.optimizer;
    const set32 = (field: number, value: number): void => void (i32[(c + field) / 4] = value);
    const setF = (field: number, value: number): void => void (f32[(c + field) / 4] = value);
    set32(CFG.L, L);
    set32(CFG.loss, LOSS_CODE[spec.loss]);
    set32(CFG.outputs, spec.outputs);
    set32(CFG.Y, layout.Y);
    set32(CFG.params, layout.params);
    set32(CFG.grads, layout.grads);
    set32(CFG.m, layout.m);
    set32(CFG.v, layout.v);
    set32(CFG.count, layout.count);
    set32(CFG.optimizer, opt.kind === 'sgd' ? 1 : 0);
    setF(CFG.lr, opt.learningRate);
    setF(CFG.negLr, -opt.learningRate);
    if (opt.kind === 'adam') {
      setF(CFG.beta1, opt.beta1 ?? 0.9);
      setF(CFG.beta2, opt.beta2 ?? 0.999);
      setF(CFG.c1, 1 - (opt.beta1 ?? 0.9));
      setF(CFG.c2, 1 - (opt.beta2 ?? 0.999));
      setF(CFG.eps, opt.epsilon ?? ADAM_EPSILON);
    }
    setF(CFG.rate, spec.dropout);
    setF(CFG.scale, spec.dropout > 0 ? 1 / (1 - spec.dropout) : 1);
    set32(CFG.seed, spec.seed | 0);
    set32(CFG.desc, CFG_BYTES);
    for (let l = 0; l < L; l++) {
      const o = layout.layers[l];
      const d = (CFG_BYTES + l * DESC_BYTES) / 4;
      const below = l === 0 ? null : layout.layers[l - 1];
      i32.set(
        [
          sizes[l],
          sizes[l + 1],
          padded[l + 1],
          below ? below.A : layout.X,
          l === 0 ? sizes[0] : padded[l],
          layout.params + o.kernel * 4,
          layout.params + o.bias * 4,
          layout.grads + o.kernel * 4,
          layout.grads + o.bias * 4,
          o.H,
          o.A,
          o.mask,
          o.D,
          ACTIVATION_CODE[l === L - 1 ? 'linear' : spec.hidden[l].activation],
          o.KT,
        ],
        d,
      );
    }
  }

  step(X: Float32Array, Y: Float32Array, rows: Int32Array): number {
    const b = rows.length;
    if (b > this.layout.capacity) this.grow(b);
    const { spec, f32, i32, layout } = this;
    const d = this.sizes[0];
    const k = spec.outputs;
    let xAt = layout.X / 4;
    let yAt = layout.Y / 4;
    for (let i = 0; i < b; i++) {
      const r = rows[i];
      for (let j = 0, from = r * d; j < d; j++) f32[xAt++] = X[from + j];
      for (let j = 0, from = r * k; j < k; j++) f32[yAt++] = Y[from + j];
    }
    i32[CFG.rows / 4] = b;
    i32[CFG.training / 4] = 1;
    i32[CFG.counter / 4] = this.counter;
    f32[CFG.l2c / 4] = spec.l2 / b;
    f32[CFG.om1 / 4] = fround(1 - this.accBeta1);
    f32[CFG.om2 / 4] = fround(1 - this.accBeta2);
    this.exports.step(0);
    this.counter = i32[CFG.counter / 4];
    if (spec.optimizer.kind === 'adam') {
      this.accBeta1 = fround(this.accBeta1 * fround(spec.optimizer.beta1 ?? 0.9));
      this.accBeta2 = fround(this.accBeta2 * fround(spec.optimizer.beta2 ?? 0.999));
    }
    let loss = batchLoss(spec.loss, this.logits(b), Y, rows, k);
    if (spec.l2 > 0) loss += (0.5 * spec.l2 * new Float64Array(this.memory.buffer, CFG.squares, 1)[0]) / b;
    return loss;
  }

  /** The last layer's outputs for the first `n` rows of the buffers, unpadded. */
  private logits(n: number): Float32Array {
    const k = this.spec.outputs;
    const P = this.padded[this.padded.length - 1];
    const H = this.layout.layers[this.layout.layers.length - 1].H / 4;
    const out = new Float32Array(n * k);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * k + j] = this.f32[H + i * P + j];
    return out;
  }

  /** Lays the buffers out again for a larger batch. */
  private grow(rows: number): void {
    const { f32, layout } = this;
    const slice = (at: number): Float32Array => f32.slice(at / 4, at / 4 + layout.count);
    this.build(Math.max(rows, 2 * layout.capacity), { params: slice(layout.params), m: slice(layout.m), v: slice(layout.v) });
  }

  forward(X: Float32Array, n: number): Float32Array {
    const d = this.sizes[0];
    const k = this.spec.outputs;
    const out = new Float32Array(n * k);
    const cap = this.layout.capacity;
    for (let start = 0; start < n; start += cap) {
      const rows = Math.min(cap, n - start);
      this.f32.set(X.subarray(start * d, (start + rows) * d), this.layout.X / 4);
      this.exports.forward(0, rows);
      out.set(this.logits(rows), start * k);
    }
    return out;
  }

  getWeights(): DenseWeights {
    const { sizes, padded, layout, f32 } = this;
    const weights: Float32Array[] = [];
    layout.layers.forEach((o, l) => {
      const kernel = new Float32Array(sizes[l] * sizes[l + 1]);
      const base = layout.params / 4;
      for (let i = 0; i < sizes[l]; i++) kernel.set(f32.subarray(base + o.kernel + i * padded[l + 1], base + o.kernel + i * padded[l + 1] + sizes[l + 1]), i * sizes[l + 1]);
      weights.push(kernel, f32.slice(base + o.bias, base + o.bias + sizes[l + 1]));
    });
    return weights;
  }

  setWeights(weights: DenseWeights): void {
    checkWeights(this.spec, weights);
    const { sizes, padded, layout, f32 } = this;
    const base = layout.params / 4;
    f32.fill(0, base, base + layout.count);
    layout.layers.forEach((o, l) => {
      for (let i = 0; i < sizes[l]; i++) f32.set(weights[2 * l].subarray(i * sizes[l + 1], (i + 1) * sizes[l + 1]), base + o.kernel + i * padded[l + 1]);
      f32.set(weights[2 * l + 1], base + o.bias);
    });
  }

  dispose(): void {
    // The memory goes with the object.
  }
}
