import { batchLoss, targetCount } from './loss';
import { ADAM_EPSILON, checkSpec, checkWeights, initialWeights, layerSizes } from './init';
import { type DenseExports, type DenseKernelVariant, denseInstance, denseKernelVariant, denseModule } from './kernelModule';
import { SplitChoice } from './splitChoice';
import { type DenseTeam, type DenseTeamMemory, denseTeamMemory } from './team';
import type { DenseActivation, DenseSpec, DenseTrainer, DenseWeights } from './types';

const fround = Math.fround;
const PAGE = 65536;
/** Byte offsets in dense.wat's config block (its header lists them). */
const CFG = { L: 0, rows: 4, loss: 8, outputs: 12, Y: 16, params: 20, grads: 24, m: 28, v: 32, count: 36, optimizer: 40, lr: 44, beta1: 48, beta2: 52, c1: 56, c2: 60, eps: 64, om1: 68, om2: 72, l2c: 76, rate: 80, scale: 84, seed: 88, counter: 92, squares: 96, desc: 104, training: 108, negLr: 112, targets: 116, rowsBefore: 120, batchRows: 124 } as const;
const CFG_BYTES = 128;
const DESC_BYTES = 64;
/** Descriptor fields (int32 slots) that point into per-row buffers, and the gradients and the transposed kernel. */
const DESC = { input: 3, stride: 4, kernelGrad: 7, biasGrad: 8, H: 9, A: 10, mask: 11, D: 12, KT: 14 } as const;
const LOSS_CODE = { binary: 0, softmax: 1, mse: 2, huber: 3 } as const;
const ACTIVATION_CODE: Record<DenseActivation, number> = { linear: 0, relu: 1, tanh: 2, sigmoid: 3, elu: 4 };
/** Rows the buffers hold at first; a larger batch lays them out again (once). */
const INITIAL_CAPACITY = 256;
/**
 * Batches smaller than this are never split between two threads: each half would be a few tens of
 * microseconds of work, about what the hand-over costs (measured, see the README's training bench).
 */
export const SPLIT_MIN_ROWS = 64;

/** Whether the fused WebAssembly trainer runs here. */
export function denseWasmAvailable(): boolean {
  return denseKernelVariant() !== null;
}

/** How the trainer is built: which kernels (default: the best this engine runs), over a shared memory (for a helper thread). */
export interface WasmDenseOptions {
  readonly variant?: DenseKernelVariant;
  readonly shared?: boolean;
}

/**
 * Whether and how a step's batch is split in two: with a helper thread, or (tests) both parts run
 * here one after the other; 'always', or as measured (SplitChoice, burst by burst).
 */
export interface DenseSplit {
  readonly team: DenseTeam | null;
  readonly when: 'always' | 'measured';
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
  /** Over a shared memory: the second part's config block, its gradient region and transposed kernels. */
  readonly part: { readonly cfg: number; readonly grads: number; readonly KT: readonly number[] } | null;
}

/** Rounds up to a multiple of 4. */
const pad4 = (n: number): number => Math.ceil(n / 4) * 4;

/**
 * The dense-network trainer over dense.wat: one `step` call per batch does the whole forward,
 * backward and update in a memory laid out once. Units are padded to multiples of 4 inside; the
 * weights it takes and gives are TF.js's unpadded layout. Over a shared memory a step's batch can
 * be split with a helper thread (team.ts): the rows after the caller's part go through the same
 * buffers, from the helper's own config block, into its own gradient region.
 */
export class WasmDenseTrainer implements DenseTrainer {
  readonly kind = 'wasm';
  readonly variant: DenseKernelVariant;
  readonly shared: boolean;
  private readonly sizes: number[];
  private readonly padded: number[];
  private layout!: Layout;
  private memory: WebAssembly.Memory | null = null;
  private f32!: Float32Array;
  private i32!: Int32Array;
  private exports!: DenseExports;
  private accBeta1: number;
  private accBeta2: number;
  private counter = 0;
  private split: DenseSplit | null = null;
  private readonly choice = new SplitChoice();
  /** The caller's rows of the batch the second part's descriptors were written for (0: none yet). */
  private partFrom = 0;

  constructor(
    readonly spec: DenseSpec,
    options: WasmDenseOptions = {},
  ) {
    checkSpec(spec);
    const variant = options.variant ?? denseKernelVariant();
    this.shared = options.shared ?? false;
    if (!variant || !denseModule(variant, this.shared)) throw new Error('internal error: the WebAssembly dense trainer is not available here');
    this.variant = variant;
    this.sizes = layerSizes(spec);
    this.padded = this.sizes.map((s, l) => (l === 0 ? s : pad4(s)));
    this.accBeta1 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta1 ?? 0.9) : 0);
    this.accBeta2 = fround(spec.optimizer.kind === 'adam' ? (spec.optimizer.beta2 ?? 0.999) : 0);
    this.build(INITIAL_CAPACITY, null);
    this.setWeights(initialWeights(spec));
  }

  /** What runs, for benchmarks and the studio: e.g. "relaxed SIMD, batch split over 2 threads". */
  get detail(): string {
    const threads = this.split?.team ? `, batch split over 2 threads ${this.split.when === 'always' ? 'always' : 'when it pays'}` : '';
    return `${this.variant === 'relaxed' ? 'relaxed SIMD' : 'SIMD'}${threads}`;
  }

  /** The memory and kernels a helper thread needs (the trainer must be shared). */
  teamMemory(): DenseTeamMemory {
    if (!this.shared || !this.memory) throw new Error('internal error: only a trainer over a shared memory has a team');
    return denseTeamMemory(this.memory, this.variant);
  }

  /** Splits the batches that follow as `split` says (the trainer must be shared); null: one thread. */
  setSplit(split: DenseSplit | null): void {
    if (split && !this.layout.part) throw new Error('internal error: only a trainer over a shared memory splits its batches');
    this.split = split;
  }

  /** Lays the memory out for `capacity` rows, carrying the parameters and Adam's moments over. */
  private build(capacity: number, previous: { params: Float32Array; m: Float32Array; v: Float32Array } | null): void {
    const { sizes, padded, spec } = this;
    const L = sizes.length - 1;
    const partCfg = CFG_BYTES + L * DESC_BYTES;
    let at = this.shared ? partCfg + CFG_BYTES + L * DESC_BYTES : partCfg;
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
    const part = this.shared ? { cfg: partCfg, grads: take(count), KT: layers.map((_, l) => (l > 0 ? take(sizes[l + 1] * padded[l]) : 0)) } : null;
    this.layout = { capacity, bytes: at, X, Y, params, grads, m, v, count, layers, part };
    // One memory for the trainer's life, grown for a larger batch (a helper's instance keeps seeing it).
    const pages = Math.ceil(at / PAGE) + 1;
    if (!this.memory) {
      this.memory = new WebAssembly.Memory(this.shared ? { initial: pages, maximum: 65536, shared: true } : { initial: pages });
      this.exports = denseInstance(this.memory, this.variant, this.shared);
    } else if (this.memory.buffer.byteLength < pages * PAGE) {
      this.memory.grow(pages - this.memory.buffer.byteLength / PAGE);
    }
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.writeConfig();
    this.partFrom = 0;
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

  /**
   * The second part's config block and descriptors for a batch whose first `from` rows are the
   * caller's: the caller's, with every per-row buffer `from` rows on, and its own gradients.
   */
  private writePart(from: number): void {
    const { i32, layout, sizes } = this;
    const part = layout.part!;
    const L = sizes.length - 1;
    const cfg = part.cfg / 4;
    const desc = part.cfg + CFG_BYTES;
    i32.copyWithin(cfg, 0, CFG_BYTES / 4);
    i32[cfg + CFG.Y / 4] = layout.Y + from * this.spec.outputs * 4;
    i32[cfg + CFG.grads / 4] = part.grads;
    i32[cfg + CFG.desc / 4] = desc;
    i32.copyWithin(desc / 4, CFG_BYTES / 4, (CFG_BYTES + L * DESC_BYTES) / 4);
    for (let l = 0; l < L; l++) {
      const d = (desc + l * DESC_BYTES) / 4;
      const rowBytes = from * this.padded[l + 1] * 4;
      i32[d + DESC.input] += from * i32[d + DESC.stride] * 4;
      for (const field of [DESC.H, DESC.A, DESC.D]) i32[d + field] += rowBytes;
      if (i32[d + DESC.mask]) i32[d + DESC.mask] += rowBytes;
      i32[d + DESC.kernelGrad] += part.grads - layout.grads;
      i32[d + DESC.biasGrad] += part.grads - layout.grads;
      i32[d + DESC.KT] = part.KT[l];
    }
    this.partFrom = from;
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
    i32[CFG.training / 4] = 1;
    i32[CFG.counter / 4] = this.counter;
    f32[CFG.l2c / 4] = spec.l2 / b;
    f32[CFG.om1 / 4] = fround(1 - this.accBeta1);
    f32[CFG.om2 / 4] = fround(1 - this.accBeta2);
    i32[CFG.batchRows / 4] = b;
    i32[CFG.rowsBefore / 4] = 0;
    const split = this.split && b >= (this.split.when === 'always' ? 2 : SPLIT_MIN_ROWS) && (this.split.team?.ready ?? true) ? this.split : null;
    const helped = split !== null && (split.when === 'always' || this.choice.useHelper());
    const t0 = split ? performance.now() : 0;
    if (helped) this.splitStep(split!.team, b, Y, rows);
    else {
      i32[CFG.rows / 4] = b;
      i32[CFG.targets / 4] = -1;
      this.exports.step(0);
    }
    if (split?.when === 'measured') this.choice.record(helped, b, performance.now() - t0);
    this.counter = i32[CFG.counter / 4];
    if (spec.optimizer.kind === 'adam') {
      this.accBeta1 = fround(this.accBeta1 * fround(spec.optimizer.beta1 ?? 0.9));
      this.accBeta2 = fround(this.accBeta2 * fround(spec.optimizer.beta2 ?? 0.999));
    }
    let loss = batchLoss(spec.loss, this.logits(b), Y, rows, k);
    if (spec.l2 > 0) loss += (0.5 * spec.l2 * new Float64Array(this.memory!.buffer, CFG.squares, 1)[0]) / b;
    return loss;
  }

  /**
   * One step with the batch in two parts: the caller's first rows here, the rest by the team's
   * helper (or here too, after, without one), each into its own gradients; then their sum updates.
   * Both parts average over the whole batch's targets and skip each other's dropout draws, so the
   * step is the one-thread step up to the order of the sums.
   */
  private splitStep(team: DenseTeam | null, b: number, Y: Float32Array, rows: Int32Array): void {
    const { i32, layout } = this;
    // Even, so each part's products run whole row pairs; the caller (no wake-up to wait for) a little more.
    const from = Math.min(b - 1, 2 * Math.ceil((b * 0.52) / 2));
    i32[CFG.rows / 4] = from;
    i32[CFG.targets / 4] = targetCount(this.spec.loss, Y, rows, this.spec.outputs);
    if (from !== this.partFrom) this.writePart(from);
    const part = layout.part!;
    const cfg = part.cfg / 4;
    for (const field of [CFG.counter, CFG.targets, CFG.batchRows, CFG.training]) i32[cfg + field / 4] = i32[field / 4];
    i32[cfg + CFG.rows / 4] = b - from;
    i32[cfg + CFG.rowsBefore / 4] = from;
    // L2's term is the caller's alone (added once, to its gradients).
    this.f32[cfg + CFG.l2c / 4] = 0;
    if (team) team.together(part.cfg, () => this.exports.gradients(0));
    else {
      this.exports.gradients(part.cfg);
      this.exports.gradients(0);
    }
    this.exports.finish(0, part.grads);
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

  /** Lays the buffers out again for a larger batch (the memory grows). */
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
